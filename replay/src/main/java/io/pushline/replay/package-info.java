/**
 * Replay of recorded journals: {@code dump}, {@code stats}, {@code verify}, {@code publish}, {@code state} and
 * {@code generate} ({@link io.pushline.replay.ReplayMain}).
 */
package io.pushline.replay;
