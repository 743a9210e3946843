/**
 * The trading gateway process: client sessions over TCP (SOFH + SBE), logon, throttling, ownership of orders and
 * cancel-on-disconnect, talking to the engine over Aeron. Filled by the network ingress issue; a shell until then.
 */
package io.pushline.gateway;
