package io.pushline.engine.chain;

/**
 * Lets waits inside a stage give up when the engine closes, instead of spinning forever.
 */
final class RunState
{
    private volatile boolean running = true;

    void stop()
    {
        running = false;
    }

    void checkRunning()
    {
        if (!running)
        {
            throw new IllegalStateException("engine closed while a stage was waiting");
        }
    }
}
