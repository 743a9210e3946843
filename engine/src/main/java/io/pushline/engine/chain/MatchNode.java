package io.pushline.engine.chain;

import io.pushline.engine.match.Matcher;

/**
 * One match shard: advances its matcher's clock to every command's time (expiries, then an end-of-time marker), then
 * applies the commands routed to it (or to every shard), writing the reports and an end-of-command marker to its
 * report stream.
 */
public final class MatchNode
{
    private final int shard;
    private final Matcher matcher;
    private final ReportStream stream;
    private final NodeCounters counters;
    private final boolean singleShard;

    MatchNode(
        final int shard,
        final int shardCount,
        final Matcher matcher,
        final ReportStream stream,
        final NodeCounters counters)
    {
        this.shard = shard;
        this.singleShard = shardCount == 1;
        this.matcher = matcher;
        this.stream = stream;
        this.counters = counters;
    }

    void onEvent(final CommandEvent event)
    {
        matcher.advanceTime(event.command.timestampNs, stream);
        final int route = event.route;
        final boolean applies = route == shard || route == CommandEvent.ROUTE_ALL;
        if (!applies || !singleShard)
        {
            // with one shard nothing needs merging: the expiries and the answer simply follow each other
            stream.endOfTime();
        }
        if (applies)
        {
            matcher.onCommand(event.command, stream);
            stream.endOfCommand();
            counters.event();
        }
    }

    Matcher matcher()
    {
        return matcher;
    }

    NodeCounters counters()
    {
        return counters;
    }
}
