package io.pushline.protocol;

import org.agrona.DirectBuffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The logon signature: HMAC-SHA256 with the session's secret over the logon's {@code timestampNs} (int64,
 * little-endian) followed by its {@code sessionId} (int32, little-endian), 12 bytes in all.
 * <p>
 * Not thread-safe: one instance per thread. Used at logon only, so it may allocate a little.
 */
public final class LogonSignature
{
    /** Length of a signature in bytes. */
    public static final int LENGTH = 32;
    /** The JCA name of the MAC algorithm. */
    public static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final byte[] input = new byte[12];
    private final byte[] computed = new byte[LENGTH];
    private final byte[] received = new byte[LENGTH];

    /**
     * Create a signer/verifier.
     */
    public LogonSignature()
    {
        try
        {
            mac = Mac.getInstance(ALGORITHM);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
        }
    }

    /**
     * A key for a secret.
     *
     * @param secret the session's secret bytes (not empty).
     * @return the key.
     */
    public static SecretKeySpec key(final byte[] secret)
    {
        return new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * Parse a secret written in hex, as in the sessions file.
     *
     * @param hex an even number of hex digits, at least 2.
     * @return the bytes.
     * @throws IllegalArgumentException if the text is not hex or empty.
     */
    public static byte[] parseHex(final String hex)
    {
        if (hex.isEmpty())
        {
            throw new IllegalArgumentException("empty secret");
        }
        return HexFormat.of().parseHex(hex);
    }

    /**
     * Compute the signature of a logon.
     *
     * @param key         the session's key.
     * @param timestampNs the logon's timestamp.
     * @param sessionId   the logon's session id.
     * @param out         receives the {@value #LENGTH} bytes.
     * @param outOffset   where in {@code out}.
     */
    public void sign(
        final SecretKeySpec key, final long timestampNs, final int sessionId, final byte[] out, final int outOffset)
    {
        for (int i = 0; i < 8; i++)
        {
            input[i] = (byte)(timestampNs >>> (8 * i));
        }
        for (int i = 0; i < 4; i++)
        {
            input[8 + i] = (byte)(sessionId >>> (8 * i));
        }

        try
        {
            mac.init(key);
            mac.update(input, 0, input.length);
            mac.doFinal(out, outOffset);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot compute " + ALGORITHM, ex);
        }
    }

    /**
     * Check a received signature in constant time.
     *
     * @param key             the session's key.
     * @param timestampNs     the logon's timestamp.
     * @param sessionId       the logon's session id.
     * @param buffer          holding the received signature.
     * @param signatureOffset of the {@value #LENGTH} signature bytes in the buffer.
     * @return true if the signature is right.
     */
    public boolean verify(
        final SecretKeySpec key,
        final long timestampNs,
        final int sessionId,
        final DirectBuffer buffer,
        final int signatureOffset)
    {
        sign(key, timestampNs, sessionId, computed, 0);
        buffer.getBytes(signatureOffset, received, 0, LENGTH);
        return MessageDigest.isEqual(computed, received);
    }
}
