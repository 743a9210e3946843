package io.pushline.engine.chain;

import io.pushline.engine.match.Matcher;

/**
 * How validation reaches the match shards when it must know whether a client order id is still live: wait until the
 * shard has processed everything before the current command, then ask it. On one thread the shard is always caught
 * up and the wait is free; across threads it happens only when a client reuses an id, so it is rare.
 */
public interface ShardGate
{
    /**
     * Wait until a shard has processed every ring sequence up to and including this one.
     *
     * @param shard        shard index.
     * @param ringSequence ring sequence to wait for.
     */
    void awaitShard(int shard, long ringSequence);

    /**
     * @param shard shard index.
     * @return the shard's matcher; read it only after {@link #awaitShard(int, long)} while it waits for input.
     */
    Matcher matcher(int shard);

    /**
     * @return number of shards.
     */
    int shardCount();
}
