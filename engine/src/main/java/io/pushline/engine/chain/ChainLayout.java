package io.pushline.engine.chain;

/**
 * How the node chain is laid out on threads. Every layout gives the same output bytes for the same input.
 */
public enum ChainLayout
{
    /** Every node on one consumer thread: the default on small machines. */
    ONE_THREAD,
    /** One Disruptor stage (thread) per node: validate, match, respond. */
    STAGED,
    /** Validate, then matching sharded by instrument over K parallel handlers (fan-out), joined in respond (fan-in). */
    SHARDED
}
