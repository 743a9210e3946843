/**
 * JMH microbenchmarks (order book, node chain) and, later, the open-loop latency harness.
 */
package io.pushline.perf;
