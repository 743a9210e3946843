/**
 * Memory-mapped, crash-safe journal of length-prefixed records. Stores bytes only and knows nothing of orders.
 * Filled by the journal issue; this module is a shell until then.
 */
package io.pushline.journal;
