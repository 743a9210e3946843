package io.pushline.perf.harness;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;

/**
 * A system under test that answers every message at once on the load thread (an echo with no transport), and can
 * stall once: before answering message {@code stallAt} it blocks the caller for {@code stallNs}, as a GC pause or a
 * descheduled thread would.
 */
final class FakeSystem implements SystemUnderTest
{
    private final long stallAt;
    private final long stallNs;
    private ReplyListener listener;
    private long offered;

    FakeSystem(final long stallAt, final long stallNs)
    {
        this.stallAt = stallAt;
        this.stallNs = stallNs;
    }

    @Override
    public String name()
    {
        return "fake";
    }

    @Override
    public void start(final ReplyListener listener)
    {
        this.listener = listener;
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offered++ == stallAt)
        {
            final long until = System.nanoTime() + stallNs;
            while (System.nanoTime() < until)
            {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        }
        listener.onReply(buffer, offset, length);
        return true;
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public Map<String, String> layout()
    {
        return Map.of("fake", "answers on the load thread");
    }

    @Override
    public void close()
    {
    }

    long offered()
    {
        return offered;
    }
}
