/**
 * The engine: a Disruptor ring of pre-allocated command events run through a chain of pushy nodes
 * (validate, match, respond).
 */
package io.pushline.engine;
