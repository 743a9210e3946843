package io.pushline.engine.chain;

import java.nio.ByteBuffer;

import io.pushline.engine.match.Command;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated ring slot: the stamped input bytes as they arrived, and what the nodes made of them. Each node
 * writes only its own fields and reads those of the nodes before it.
 */
public final class CommandEvent
{
    /** The command goes to no shard: validation answered it, or it only changes validation state. */
    public static final int ROUTE_NONE = -1;
    /** The command goes to every shard (clock tick, mass cancel of all instruments, cancel-on-disconnect). */
    public static final int ROUTE_ALL = -2;

    /** Largest inbound message the ring accepts; every inbound template is far smaller. */
    public static final int MAX_INPUT_LENGTH = 256;

    final UnsafeBuffer input = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_INPUT_LENGTH));
    int inputLength;
    /** Engine sequence and time given on entry (also for an input too short to carry them in its envelope). */
    long sequence;
    long timestampNs;
    /** Template id the guard found, or a negative MessageGuard code for a malformed input. */
    int templateId;
    /** Written by validate. */
    final Command command = new Command();
    /**
     * Written by validate: a shard index, {@link #ROUTE_NONE} or {@link #ROUTE_ALL}. A route is set only for a
     * command that a shard answers (never for a rejected or malformed one): match and respond both rely on it.
     */
    int route;

    /**
     * @return the input message as stamped on entry.
     */
    public UnsafeBuffer input()
    {
        return input;
    }

    /**
     * @param length      of the input message just copied in.
     * @param sequence    engine sequence given to it.
     * @param timestampNs engine time given to it.
     */
    public void entered(final int length, final long sequence, final long timestampNs)
    {
        this.inputLength = length;
        this.sequence = sequence;
        this.timestampNs = timestampNs;
    }

    /**
     * @return length of the input message.
     */
    public int inputLength()
    {
        return inputLength;
    }

    /**
     * @return the command as validated.
     */
    public Command command()
    {
        return command;
    }
}
