/**
 * Client of the Pushline trading gateway: {@link io.pushline.client.PushlineClient} (library: connect, logon with
 * an HMAC signature, send orders, poll reports and session events) and {@link io.pushline.client.ClientMain} (CLI
 * that prints every report and session event as one JSON line, see {@link io.pushline.client.JsonLines}).
 */
package io.pushline.client;
