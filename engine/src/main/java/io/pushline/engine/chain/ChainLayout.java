package io.pushline.engine.chain;

/**
 * How the node chain is laid out on threads. Every layout gives the same output bytes for the same input.
 */
public enum ChainLayout
{
    /** Every node on one consumer thread: the default on small machines. */
    ONE_THREAD,
    /**
     * No consumer thread: every node runs on the thread that offers, right after it offers ({@code Engine.offer}),
     * or for everything offered so far when it calls {@code Engine.runChain()} (what the engine process's ingress
     * duty cycle does after each poll). One busy thread for the whole engine: the layout for 2-core machines.
     */
    INVOKER,
    /** One Disruptor stage (thread) per node: validate, match, respond. */
    STAGED,
    /** Validate, then matching sharded by instrument over K parallel handlers (fan-out), joined in respond (fan-in). */
    SHARDED
}
