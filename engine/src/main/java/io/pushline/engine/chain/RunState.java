package io.pushline.engine.chain;

/**
 * Whether the chain may go on: waits inside a stage and callers waiting on the chain give up when the engine closes
 * or when a node has failed, instead of spinning forever.
 */
final class RunState
{
    private volatile boolean running = true;
    private volatile Throwable failure;

    void stop()
    {
        running = false;
    }

    /**
     * A node threw: the command it was on may be half applied, so the chain must not go on.
     *
     * @param error what the node threw.
     */
    void fail(final Throwable error)
    {
        if (failure == null)
        {
            failure = error;
        }
        running = false;
    }

    Throwable failure()
    {
        return failure;
    }

    void checkRunning()
    {
        if (!running)
        {
            final Throwable error = failure;
            throw error == null ?
                new IllegalStateException("engine closed while waiting") :
                new IllegalStateException("engine stopped: a node failed: " + error, error);
        }
    }
}
