package io.pushline.launcher;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.pushline.config.PropertiesConfig;
import io.pushline.config.TransportSettings;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;

/**
 * Prints the Pushline counters (engine, gateways, sessions) from a running media driver's cnc.dat, as Aeron's own
 * AeronStat does, without connecting as a client.
 * <pre>
 * scripts/pushline stat [--all] [--watch SECONDS] [--dir AERON_DIR]
 * </pre>
 * {@code --all} adds Aeron's own counters; the directory defaults to the engine config's {@code pushline.aeron.dir}.
 */
public final class StatMain
{
    /** Pushline counter type ids: 7301 engine, 7310.. gateways and sessions. */
    static final int FIRST_PUSHLINE_TYPE_ID = 7300;
    static final int LAST_PUSHLINE_TYPE_ID = 7399;

    private StatMain()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException when interrupted while watching.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) throws InterruptedException
    {
        boolean all = false;
        long watchSeconds = 0;
        String dir = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--all":
                    all = true;
                    break;
                case "--watch":
                    watchSeconds = Long.parseLong(args[++i]);
                    break;
                case "--dir":
                    dir = args[++i];
                    break;
                default:
                    err.println("usage: stat [--all] [--watch SECONDS] [--dir AERON_DIR]");
                    return 2;
            }
        }
        if (dir == null)
        {
            dir = TransportSettings.from(PropertiesConfig.load(
                PropertiesConfig.homeFile("config/engine.properties"), true), true).aeronDirectory();
        }
        final File cnc = CommonContext.newCncFile(dir);
        if (!cnc.exists())
        {
            err.println("stat: no media driver at " + dir + " (" + cnc + " does not exist): is the engine running?");
            return 1;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final CountersReader counters = countersReader(mapped);
            do
            {
                print(counters, all, dir, out);
                if (watchSeconds > 0)
                {
                    Thread.sleep(watchSeconds * 1000);
                }
            }
            while (watchSeconds > 0);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
        return 0;
    }

    static CountersReader countersReader(final MappedByteBuffer cnc)
    {
        final DirectBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
        CncFileDescriptor.checkVersion(metaData.getInt(CncFileDescriptor.cncVersionOffset(0)));
        return new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cnc, metaData),
            StandardCharsets.US_ASCII);
    }

    static void print(final CountersReader counters, final boolean all, final String dir, final PrintStream out)
    {
        out.println("counters of the media driver at " + dir + " (" + LocalTime.now().withNano(0) + ")");
        out.printf("%5s %5s %20s  %s%n", "id", "type", "value", "label");
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (all || (typeId >= FIRST_PUSHLINE_TYPE_ID && typeId <= LAST_PUSHLINE_TYPE_ID))
            {
                out.printf("%5d %5d %,20d  %s%n", counterId, typeId, counters.getCounterValue(counterId), label);
            }
        });
    }
}
