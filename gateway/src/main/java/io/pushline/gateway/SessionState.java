package io.pushline.gateway;

import org.agrona.concurrent.status.AtomicCounter;

import javax.crypto.spec.SecretKeySpec;

/**
 * A configured session of this gateway, for the life of the gateway: its key, throttle, counters, last accepted
 * logon time, and the connection it is logged on through (null while it is not).
 */
final class SessionState
{
    final int sessionId;
    final SecretKeySpec key;
    final boolean cancelOnDisconnect;
    final Throttle throttle;
    final AtomicCounter messagesIn;
    final AtomicCounter messagesOut;
    final AtomicCounter throttled;
    long lastLogonTimestampNs = Long.MIN_VALUE;
    ClientSession connection;
    boolean cancelOnDisconnectPending;

    SessionState(
        final SessionConfig config,
        final Throttle throttle,
        final AtomicCounter messagesIn,
        final AtomicCounter messagesOut,
        final AtomicCounter throttled)
    {
        this.sessionId = config.sessionId();
        this.key = io.pushline.protocol.LogonSignature.key(config.secret());
        this.cancelOnDisconnect = config.cancelOnDisconnect();
        this.throttle = throttle;
        this.messagesIn = messagesIn;
        this.messagesOut = messagesOut;
        this.throttled = throttled;
    }
}
