package io.pushline.engine.chain;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How the chain's threads wait: the Disruptor wait strategy between stages and the matching Agrona idle strategy
 * for the waits inside a stage (a full report stream, a shard catching up). Busy spin only when there are more cores
 * than spinning threads.
 */
public enum WaitStrategyType
{
    /** Park on a lock: lowest CPU, highest latency. */
    BLOCKING,
    /** Spin, yield, then sleep. */
    SLEEPING,
    /** Spin briefly, then yield the core: the default on small machines. */
    YIELDING,
    /** Spin without pause: lowest latency, needs a core per spinning thread. */
    BUSY_SPIN;

    /**
     * @return a new Disruptor wait strategy of this kind.
     */
    public WaitStrategy newWaitStrategy()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /**
     * @return a new idle strategy of the same temper.
     */
    public IdleStrategy newIdleStrategy()
    {
        return switch (this)
        {
            case BLOCKING -> new SleepingMillisIdleStrategy(1);
            case SLEEPING -> new BackoffIdleStrategy(10, 20, 1_000, 100_000);
            case YIELDING -> new YieldingIdleStrategy();
            case BUSY_SPIN -> new BusySpinIdleStrategy();
        };
    }
}
