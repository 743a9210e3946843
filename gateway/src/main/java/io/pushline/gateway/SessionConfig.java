package io.pushline.gateway;

import java.util.Arrays;

/**
 * One configured session, a line of the sessions file.
 *
 * @param sessionId          global session id (unique across gateways: the engine keys order ownership by it).
 * @param gatewayId          the only gateway that accepts a logon of this session.
 * @param secret             the HMAC-SHA256 key of the logon signature.
 * @param cancelOnDisconnect cancel the session's resting DAY orders when its connection drops without logout.
 * @param throttleMessages   messages allowed per throttle window; 0 for the gateway's default.
 * @param throttleWindowNs   the throttle window; 0 for the gateway's default.
 */
public record SessionConfig(
    int sessionId,
    int gatewayId,
    byte[] secret,
    boolean cancelOnDisconnect,
    int throttleMessages,
    long throttleWindowNs)
{
    /**
     * Copies the secret, so the record stays immutable.
     *
     * @param sessionId          see the record.
     * @param gatewayId          see the record.
     * @param secret             see the record.
     * @param cancelOnDisconnect see the record.
     * @param throttleMessages   see the record.
     * @param throttleWindowNs   see the record.
     */
    public SessionConfig
    {
        secret = secret.clone();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public byte[] secret()
    {
        return secret.clone();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SessionConfig that && sessionId == that.sessionId && gatewayId == that.gatewayId &&
            Arrays.equals(secret, that.secret) && cancelOnDisconnect == that.cancelOnDisconnect &&
            throttleMessages == that.throttleMessages && throttleWindowNs == that.throttleWindowNs;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int hashCode()
    {
        return 31 * Integer.hashCode(sessionId) + Integer.hashCode(gatewayId);
    }

    /**
     * Does not print the secret.
     *
     * @return the session without its secret.
     */
    @Override
    public String toString()
    {
        return "SessionConfig{sessionId=" + sessionId + ", gatewayId=" + gatewayId + ", cancelOnDisconnect=" +
            cancelOnDisconnect + ", throttleMessages=" + throttleMessages + ", throttleWindowNs=" +
            throttleWindowNs + "}";
    }
}
