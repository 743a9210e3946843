package io.pushline.replay;

import picocli.CommandLine.Option;

/**
 * The record filter options of {@code dump} and {@code stats}.
 */
final class FilterOptions
{
    @Option(names = "--from-seq", paramLabel = "N", description = "first record sequence")
    Long fromSequence;

    @Option(names = "--to-seq", paramLabel = "N", description = "last record sequence")
    Long toSequence;

    @Option(names = "--from-time", paramLabel = "TIME", description = "earliest engine time: ISO-8601 or epoch ns")
    String fromTime;

    @Option(names = "--to-time", paramLabel = "TIME", description = "latest engine time: ISO-8601 or epoch ns")
    String toTime;

    @Option(names = "--instrument", paramLabel = "ID", description = "only messages with this instrumentId")
    Integer instrument;

    @Option(names = "--session", paramLabel = "ID", description = "only messages of this session")
    Integer session;

    @Option(names = "--type", paramLabel = "NAMES", description = "only these templates, e.g. NewOrder,CancelOrder")
    String types;

    RecordFilter filter(final SchemaCatalog catalog)
    {
        return new RecordFilter(catalog).sequences(fromSequence, toSequence).times(fromTime, toTime)
            .instrument(instrument).session(session).templates(types);
    }
}
