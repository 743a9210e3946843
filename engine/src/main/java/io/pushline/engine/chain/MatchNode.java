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

    MatchNode(final int shard, final Matcher matcher, final ReportStream stream, final NodeCounters counters)
    {
        this.shard = shard;
        this.matcher = matcher;
        this.stream = stream;
        this.counters = counters;
    }

    void onEvent(final CommandEvent event)
    {
        matcher.advanceTime(event.command.timestampNs, stream);
        stream.endOfTime();
        final int route = event.route;
        if (route == shard || route == CommandEvent.ROUTE_ALL)
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
