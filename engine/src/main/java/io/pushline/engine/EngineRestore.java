package io.pushline.engine;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.pushline.engine.chain.NodeChain;
import org.agrona.DirectBuffer;

/**
 * Where an engine starts from: the snapshot in its context, else the newest snapshot file that passes its checksum, is
 * not newer than the input journal (whose tail may have been lost) and loads; else nothing. The journal after it is
 * replayed by the engine.
 */
final class EngineRestore
{
    /**
     * @param chain             built, not started.
     * @param snapshot          the snapshot it was loaded from, or null.
     * @param sequence          last command the chain holds.
     * @param timestampNs       engine time of that command.
     * @param snapshotsRejected snapshot files passed over.
     */
    record Restored(NodeChain chain, DirectBuffer snapshot, long sequence, long timestampNs, int snapshotsRejected)
    {
    }

    private EngineRestore()
    {
    }

    static Restored restore(
        final Engine.Context context, final EngineJournals journals, final Supplier<NodeChain> chains)
    {
        if (context.snapshot() != null)
        {
            final NodeChain chain = chains.get();
            final NodeChain.SnapshotPosition position =
                chain.loadSnapshot(context.snapshot(), context.snapshot().capacity());
            return new Restored(chain, context.snapshot(), position.sequence(), position.timestampNs(), 0);
        }
        final long journalEnd = journals == null ? Long.MAX_VALUE : journals.lastInputSequence();
        int rejected = 0;
        for (final Path file : SnapshotFiles.newestFirst(context.snapshotDirectory()))
        {
            final DirectBuffer snapshot = SnapshotFiles.read(file);
            if (snapshot == null || SnapshotFiles.sequenceOf(snapshot) > journalEnd)
            {
                // a corrupt snapshot, or one the journal does not reach (its tail was lost): fall back
                rejected++;
                continue;
            }
            final NodeChain candidate = chains.get();
            try
            {
                final NodeChain.SnapshotPosition position = candidate.loadSnapshot(snapshot, snapshot.capacity());
                return new Restored(candidate, snapshot, position.sequence(), position.timestampNs(), rejected);
            }
            catch (final RuntimeException ex)
            {
                rejected++;
            }
        }
        return new Restored(chains.get(), null, 0, 0, rejected);
    }
}
