package io.pushline.replay;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.pushline.engine.chain.JournalNode;
import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import io.pushline.protocol.Envelope;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * {@code publish}: sends the commands of an input journal onto an Aeron channel, one SBE message per Aeron message,
 * exactly as recorded: at the recorded pace (the engine time between commands), that pace times a speed factor, or as
 * fast as the channel takes them. Back pressure is retried with the idle strategy until a bound; past it the run stops
 * with the command named. Nothing is ever dropped: every command is either published in order or the run fails.
 */
public final class JournalPublisher
{
    /** Pacing near the due time: park until this close, then yield. */
    private static final long SPIN_WINDOW_NS = TimeUnit.MICROSECONDS.toNanos(200);

    /**
     * What a publish run did.
     *
     * @param published             commands published.
     * @param firstSequence         first command published.
     * @param lastSequence          last command published.
     * @param recordedSpanNs        engine time from the first to the last command published.
     * @param elapsedNs             wall time from the first publication to the last.
     * @param backPressureRetries   offers retried because of back pressure or an admin action.
     * @param notConnectedRetries   offers retried because no subscriber was connected.
     */
    public record Result(long published, long firstSequence, long lastSequence, long recordedSpanNs, long elapsedNs,
        long backPressureRetries, long notConnectedRetries)
    {
    }

    private final Path journalDirectory;
    private final double speed;
    private final long fromSequence;
    private final long toSequence;
    private final long backPressureTimeoutNs;
    private final IdleStrategy idle;
    private final Progress.Mode progressMode;

    /**
     * @param journalDirectory      holding the input journal.
     * @param speed                 pace factor (2 = twice as fast as recorded); 0 or less: as fast as possible.
     * @param fromSequence          first command to publish.
     * @param toSequence            last command to publish.
     * @param backPressureTimeoutNs longest a single command may wait for the channel before the run fails.
     * @param idle                  idle strategy between retries.
     * @param progressMode          when to show progress.
     */
    public JournalPublisher(
        final Path journalDirectory,
        final double speed,
        final long fromSequence,
        final long toSequence,
        final long backPressureTimeoutNs,
        final IdleStrategy idle,
        final Progress.Mode progressMode)
    {
        this.journalDirectory = journalDirectory;
        this.speed = speed;
        this.fromSequence = fromSequence;
        this.toSequence = toSequence;
        this.backPressureTimeoutNs = backPressureTimeoutNs;
        this.idle = idle;
        this.progressMode = progressMode;
    }

    /**
     * Publish onto a channel; waits up to the back-pressure bound for a subscriber to connect.
     *
     * @param aeron    connected client.
     * @param channel  Aeron channel.
     * @param streamId stream id.
     * @return what was published.
     * @throws ReplayException when the channel stays back pressured or unconnected past the bound, or closes.
     */
    public Result run(final Aeron aeron, final String channel, final int streamId)
    {
        try (Publication publication = aeron.addExclusivePublication(channel, streamId);
            JournalReader reader = Journals.open(journalDirectory, Journals.INPUT, true, true))
        {
            awaitConnected(publication, channel, streamId);
            reader.seek(fromSequence);
            final long total = toSequence == Long.MAX_VALUE ?
                (Progress.enabled(progressMode) ? Journals.lastSequence(journalDirectory, Journals.INPUT) : 0) :
                toSequence - Math.max(fromSequence, 1) + 1;
            final Sender sender = new Sender(publication, Progress.create(progressMode, "publish", total));
            while (!sender.done && reader.poll(sender, 256) > 0)
            {
                Progress.update(sender.progress, sender.published);
            }
            Progress.finish(sender.progress);
            return new Result(sender.published, sender.firstSequence, sender.lastSequence,
                sender.lastTimeNs - sender.firstTimeNs, sender.lastWallNs - sender.firstWallNs,
                sender.backPressureRetries, sender.notConnectedRetries);
        }
    }

    private void awaitConnected(final Publication publication, final String channel, final int streamId)
    {
        final long deadline = System.nanoTime() + backPressureTimeoutNs;
        idle.reset();
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new ReplayException("no subscriber connected to " + channel + " stream " + streamId + " within " +
                    TimeUnit.NANOSECONDS.toMillis(backPressureTimeoutNs) + " ms: nothing was published");
            }
            idle.idle();
        }
    }

    /** Paces and offers each record. */
    private final class Sender implements JournalHandler
    {
        private final Publication publication;
        private final Progress progress;
        private long published;
        private long firstSequence;
        private long lastSequence;
        private long firstTimeNs;
        private long lastTimeNs;
        private long firstWallNs;
        private long lastWallNs;
        private long backPressureRetries;
        private long notConnectedRetries;
        private boolean done;

        Sender(final Publication publication, final Progress progress)
        {
            this.publication = publication;
            this.progress = progress;
        }

        public void onRecord(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int type,
            final long sequence,
            final long timestampNs)
        {
            if (done || type != JournalNode.INPUT_RECORD)
            {
                return;
            }
            if (sequence > toSequence)
            {
                done = true;
                return;
            }
            final long time = length >= Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH ?
                Envelope.timestampNs(buffer, offset) : timestampNs;
            if (published == 0)
            {
                firstSequence = sequence;
                firstTimeNs = time;
                firstWallNs = System.nanoTime();
            }
            else if (speed > 0)
            {
                awaitDue(firstWallNs + (long)((time - firstTimeNs) / speed));
            }
            offer(buffer, offset, length, sequence);
            lastWallNs = System.nanoTime();
            lastSequence = sequence;
            lastTimeNs = time;
            published++;
        }

        private void awaitDue(final long dueNs)
        {
            long now;
            while ((now = System.nanoTime()) < dueNs)
            {
                if (dueNs - now > SPIN_WINDOW_NS)
                {
                    LockSupport.parkNanos(dueNs - now - SPIN_WINDOW_NS);
                }
                else
                {
                    Thread.yield();
                }
            }
        }

        private void offer(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            long deadline = 0;
            idle.reset();
            while (true)
            {
                final long result = publication.offer(buffer, offset, length);
                if (result > 0)
                {
                    return;
                }
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new ReplayException("publication " + publication.channel() + " stream " +
                        publication.streamId() + " " + (result == Publication.CLOSED ? "closed" :
                        "reached its maximum position") + " at command " + sequence + "; " + published +
                        " commands were published before it");
                }
                if (result == Publication.NOT_CONNECTED)
                {
                    notConnectedRetries++;
                }
                else
                {
                    backPressureRetries++;
                }
                final long now = System.nanoTime();
                if (deadline == 0)
                {
                    deadline = now + backPressureTimeoutNs;
                }
                else if (now > deadline)
                {
                    throw new ReplayException("command " + sequence + " could not be published for " +
                        TimeUnit.NANOSECONDS.toMillis(backPressureTimeoutNs) + " ms (" +
                        (result == Publication.NOT_CONNECTED ? "no subscriber" : "back pressure") + "): stopped; " +
                        published + " commands before it were published, none dropped");
                }
                idle.idle();
            }
        }
    }
}
