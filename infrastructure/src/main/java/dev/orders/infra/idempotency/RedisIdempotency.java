package dev.orders.infra.idempotency;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The seed's Idempotent Consumer and distributed lock: {@code processed:{key}} marks a message as done (24 h), and
 * {@code lock:{key}} (SET NX with an expiry) keeps two instances from handling the same key at once. The lock holds
 * a random token and only its owner can release it (compare-and-delete in one Lua script), so an instance whose lock
 * expired cannot delete the next owner's. Redis is a fast path, not the guarantee: handlers keep a state guard in
 * their database so that a replay after the key expired, or while Redis was away, changes nothing.
 */
public class RedisIdempotency {

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('del', KEYS[1])
            else
              return 0
            end""", Long.class);

    private final StringRedisTemplate redis;
    private final IdempotencyProperties properties;

    public RedisIdempotency(StringRedisTemplate redis, IdempotencyProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public record Lock(String key, String token) {
    }

    public String processedKey(String idempotencyKey) {
        return properties.keyPrefix() + "processed:" + idempotencyKey;
    }

    public String lockKey(String idempotencyKey) {
        return properties.keyPrefix() + "lock:" + idempotencyKey;
    }

    public boolean isProcessed(String idempotencyKey) {
        return Boolean.TRUE.equals(redis.hasKey(processedKey(idempotencyKey)));
    }

    /** SET lock:{key} token NX PX ttl; empty when someone else holds it. */
    public Optional<Lock> tryLock(String idempotencyKey) {
        String key = lockKey(idempotencyKey);
        String token = UUID.randomUUID().toString();
        Boolean acquired = redis.opsForValue().setIfAbsent(key, token, properties.lockTtl());
        return Boolean.TRUE.equals(acquired) ? Optional.of(new Lock(key, token)) : Optional.empty();
    }

    /** Deletes the lock only if {@code lock} still owns it; false when it had expired or changed hands. */
    public boolean release(Lock lock) {
        Long deleted = redis.execute(RELEASE, List.of(lock.key()), lock.token());
        return deleted != null && deleted == 1L;
    }

    public void markProcessed(String idempotencyKey) {
        redis.opsForValue().set(processedKey(idempotencyKey), "1", properties.processedTtl());
    }
}
