/**
 * The trading gateway process: client sessions over TCP (SOFH-framed SBE), logon with HMAC signatures, sequence
 * numbers, heartbeats, throttling, cancel-on-disconnect, timeouts, and the Aeron link to the engine. One Agrona
 * agent on one thread runs all of it ({@link io.pushline.gateway.GatewayAgent}).
 */
package io.pushline.gateway;
