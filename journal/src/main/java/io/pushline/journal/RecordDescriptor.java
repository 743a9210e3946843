package io.pushline.journal;

import java.nio.ByteOrder;

/**
 * Layout of a journal record and of segment files. Records are aligned to {@link #ALIGNMENT} bytes inside a segment;
 * every field is in native byte order (little-endian on x86 and ARM).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  length: header + payload, written last with a release store  |  0
 *  +---------------------------------------------------------------+
 *  |  CRC32C of bytes 8 .. length (header fields and payload)      |  4
 *  +---------------------------------------------------------------+
 *  |  sequence (application defined, strictly increasing)         |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  timestampNs (application defined)                            | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  type (application defined)                                   | 24
 *  +---------------+---------------+-------------------------------+
 *  |  version (1)  |  flags        |  reserved (0)                 | 28
 *  +---------------+---------------+-------------------------------+
 *  |  payload ...                                                 ...
 * </pre>
 * A length of 0 means "not written yet": the region after the last record of a journal is always zero. A padding
 * record (flag {@link #PADDING_FLAG}) fills the rest of a segment when the next record does not fit; its CRC covers
 * its header fields only. Records never span segments.
 */
public final class RecordDescriptor
{
    /** Length of the record header in bytes. */
    public static final int HEADER_LENGTH = 32;

    /** Records start at multiples of this many bytes within a segment. */
    public static final int ALIGNMENT = 32;

    /** Offset of the length (commit) word. */
    public static final int LENGTH_OFFSET = 0;

    /** Offset of the CRC32C. */
    public static final int CHECKSUM_OFFSET = 4;

    /** Offset of the sequence. */
    public static final int SEQUENCE_OFFSET = 8;

    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 16;

    /** Offset of the record type. */
    public static final int TYPE_OFFSET = 24;

    /** Offset of the int holding version (low byte), flags (next byte) and a reserved short (zero). */
    public static final int VERSION_FLAGS_OFFSET = 28;

    /** The CRC covers the record from this offset to its length. */
    public static final int CHECKSUM_START_OFFSET = SEQUENCE_OFFSET;

    /** Format version of records written by this code. */
    public static final int VERSION = 1;

    /** Flag of a padding record, which fills the rest of a segment. */
    public static final int PADDING_FLAG = 1;

    /** Smallest segment length. */
    public static final int MIN_SEGMENT_LENGTH = 4096;

    /** Largest segment length: one mapped buffer holds one segment. */
    public static final int MAX_SEGMENT_LENGTH = 1 << 30;

    /** Extension of segment files. */
    public static final String SEGMENT_SUFFIX = ".seg";

    /** Extension of a segment file while it is being created (renamed when complete). */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    /** Digits of the start position in a segment file name, so that names sort by position. */
    public static final int POSITION_DIGITS = 20;

    static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    static final int VERSION_FLAGS_DATA = VERSION;
    static final int VERSION_FLAGS_PADDING = VERSION | (PADDING_FLAG << 8);

    /**
     * Type and version/flags as the one long at {@link #TYPE_OFFSET} (native little-endian order).
     */
    static long typeAndVersionFlags(final int type, final int versionFlags)
    {
        return LITTLE_ENDIAN ?
            (type & 0xFFFF_FFFFL) | ((long)versionFlags << 32) :
            ((long)type << 32) | (versionFlags & 0xFFFF_FFFFL);
    }

    private RecordDescriptor()
    {
    }

    /**
     * Length a record occupies in a segment, header included, rounded up to the alignment.
     *
     * @param payloadLength payload bytes.
     * @return aligned record length.
     */
    public static int alignedLength(final int payloadLength)
    {
        return align(HEADER_LENGTH + payloadLength);
    }

    /**
     * Round up to {@link #ALIGNMENT}.
     *
     * @param length to round.
     * @return the aligned length.
     */
    public static int align(final int length)
    {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Largest payload that fits in one segment.
     *
     * @param segmentLength segment length.
     * @return the largest payload length.
     */
    public static int maxPayloadLength(final int segmentLength)
    {
        return segmentLength - HEADER_LENGTH;
    }

    /**
     * Name of the segment file that starts at a position, e.g. {@code journal-00000000000067108864.seg}.
     *
     * @param prefix        file prefix.
     * @param startPosition position of the first byte of the segment.
     * @return file name.
     */
    public static String segmentFileName(final String prefix, final long startPosition)
    {
        final String digits = Long.toString(startPosition);
        final StringBuilder name = new StringBuilder(prefix.length() + POSITION_DIGITS + SEGMENT_SUFFIX.length() + 1);
        name.append(prefix).append('-');
        for (int i = digits.length(); i < POSITION_DIGITS; i++)
        {
            name.append('0');
        }
        return name.append(digits).append(SEGMENT_SUFFIX).toString();
    }

    /**
     * Start position encoded in a segment file name.
     *
     * @param prefix   file prefix.
     * @param fileName file name.
     * @return start position, or -1 if the name is not a segment file name with this prefix.
     */
    public static long parseStartPosition(final String prefix, final String fileName)
    {
        final int expected = prefix.length() + 1 + POSITION_DIGITS + SEGMENT_SUFFIX.length();
        if (fileName.length() != expected || !fileName.startsWith(prefix) ||
            fileName.charAt(prefix.length()) != '-' || !fileName.endsWith(SEGMENT_SUFFIX))
        {
            return -1;
        }
        long value = 0;
        for (int i = prefix.length() + 1, end = i + POSITION_DIGITS; i < end; i++)
        {
            final char c = fileName.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
