package io.pushline.gateway;

import io.pushline.client.PushlineClient;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link PushlineClient} for tests that keeps a copy of every message it receives and waits for messages by
 * predicate (the only waiting in these tests, bounded by a generous timeout so a hang fails instead of stalling).
 */
final class TestClient implements AutoCloseable, PushlineClient.Listener
{
    static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    /** Heartbeat interval of test sessions unless a test is about heartbeats. */
    static final int HEARTBEAT_MS = 30_000;

    /**
     * One received message (a copy).
     *
     * @param templateId of the message.
     * @param buffer     holding exactly its SBE header and block.
     */
    record Msg(int templateId, UnsafeBuffer buffer)
    {
        ExecutionReportDecoder er()
        {
            return new ExecutionReportDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        CancelRejectDecoder cancelReject()
        {
            return new CancelRejectDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        MassCancelReportDecoder massCancelReport()
        {
            return new MassCancelReportDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        LogonAcceptedDecoder logonAccepted()
        {
            return new LogonAcceptedDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        TerminateDecoder terminate()
        {
            return new TerminateDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        SequenceRejectDecoder sequenceReject()
        {
            return new SequenceRejectDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        boolean isReport(final ExecType execType, final long clOrdId)
        {
            return templateId == ExecutionReportDecoder.TEMPLATE_ID && er().execType() == execType &&
                er().clOrdId() == clOrdId;
        }
    }

    final PushlineClient client;
    final int sessionId;
    final List<Msg> received = new ArrayList<>();
    private int cursor;
    boolean disconnected;

    TestClient(final PushlineClient client, final int sessionId)
    {
        this.client = client;
        this.sessionId = sessionId;
    }

    @Override
    public void onMessage(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, offset, length);
        received.add(new Msg(templateId, copy));
    }

    @Override
    public void onDisconnected()
    {
        disconnected = true;
    }

    void poll()
    {
        if (client.poll(this) == 0)
        {
            Thread.yield();
        }
    }

    /**
     * Wait for the next message (after the ones already awaited) that matches.
     */
    Msg await(final String what, final Predicate<Msg> predicate)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (true)
        {
            for (int i = cursor; i < received.size(); i++)
            {
                if (predicate.test(received.get(i)))
                {
                    cursor = i + 1;
                    return received.get(i);
                }
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("session " + sessionId + ": no " + what + " within the timeout; received " + describe());
            }
            if (disconnected)
            {
                fail("session " + sessionId + ": disconnected while waiting for " + what + "; received " +
                    describe());
            }
            poll();
        }
    }

    /**
     * Wait until at least {@code count} received messages (in any order) match.
     */
    List<Msg> awaitCount(final String what, final int count, final Predicate<Msg> predicate)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (true)
        {
            final List<Msg> matching = received.stream().filter(predicate).toList();
            if (matching.size() >= count)
            {
                return matching;
            }
            if (System.nanoTime() - deadline > 0 || disconnected)
            {
                fail("session " + sessionId + ": " + matching.size() + " of " + count + " " + what + "; received " +
                    describe());
            }
            poll();
        }
    }

    Msg awaitTemplate(final int templateId)
    {
        return await("template " + templateId, m -> m.templateId() == templateId);
    }

    Msg awaitReport(final ExecType execType, final long clOrdId)
    {
        return await(execType + " for clOrdId " + clOrdId, m -> m.isReport(execType, clOrdId));
    }

    /**
     * Keep polling (reading, heartbeats) for a while.
     */
    void pollFor(final long nanos)
    {
        final long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0)
        {
            poll();
        }
    }

    long count(final Predicate<Msg> predicate)
    {
        return received.stream().filter(predicate).count();
    }

    void awaitDisconnect()
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!disconnected)
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("session " + sessionId + " still connected; received " + describe());
            }
            poll();
        }
    }

    void buy(final long clOrdId, final int instrumentId, final long price, final long quantity)
    {
        client.newOrder(clOrdId, instrumentId, Side.BUY, OrdType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    void sell(final long clOrdId, final int instrumentId, final long price, final long quantity)
    {
        client.newOrder(clOrdId, instrumentId, Side.SELL, OrdType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    String describe()
    {
        final StringBuilder text = new StringBuilder("[");
        for (final Msg msg : received)
        {
            text.append(msg.templateId()).append(msg.templateId() == ExecutionReportDecoder.TEMPLATE_ID ?
                "/" + msg.er().execType() + "/" + msg.er().clOrdId() + "/" + msg.er().rejectReason() : "")
                .append(msg.templateId() == TerminateDecoder.TEMPLATE_ID ? "/" + msg.terminate().reason() : "")
                .append(' ');
        }
        return text.append(']').toString();
    }

    @Override
    public void close()
    {
        client.close();
    }
}
