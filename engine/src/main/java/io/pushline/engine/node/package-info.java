/**
 * The engine process: the in-process {@link io.pushline.engine.Engine} behind Aeron. {@link
 * io.pushline.engine.node.EngineNode} subscribes to the ingress stream of commands from the gateways, sequences
 * them into the node chain, and publishes every report on the egress stream that all gateways read (each keeps the
 * reports of its own gatewayId). {@link io.pushline.engine.node.EngineMain} runs it from a config file.
 */
package io.pushline.engine.node;
