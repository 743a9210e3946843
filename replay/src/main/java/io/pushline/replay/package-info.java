/**
 * Replay of recorded journals: dump, stats, verify, publish and state at any point. Filled by the replay issue;
 * a shell until then.
 */
package io.pushline.replay;
