package dev.orders.orders.idempotency;

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

    /** 0: already processed; 1: lock taken by the caller; 2: someone else holds the lock. */
    private static final RedisScript<Long> BEGIN = RedisScript.of("""
            if redis.call('exists', KEYS[1]) == 1 then
              return 0
            end
            if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 1
            end
            return 2""", Long.class);

    /** Marks processed, then releases the lock if the caller still owns it: one round trip after the commit. */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            redis.call('set', KEYS[1], '1', 'EX', ARGV[2])
            if redis.call('get', KEYS[2]) == ARGV[1] then
              return redis.call('del', KEYS[2])
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final IdempotencyProperties properties;

    public RedisIdempotency(StringRedisTemplate redis, IdempotencyProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public record Lock(String key, String token) {}

    /** What {@link #begin} found. */
    public sealed interface Start {}

    public record AlreadyProcessed() implements Start {}

    public record Busy() implements Start {}

    public record Locked(Lock lock, String idempotencyKey) implements Start {}

    /**
     * The check and the lock in one round trip: {@code processed:{key}} exists → already processed; else
     * SET {@code lock:{key}} NX PX → locked by us; else busy.
     */
    public Start begin(String idempotencyKey) {
        String token = UUID.randomUUID().toString();
        Long result = redis.execute(
                BEGIN,
                List.of(processedKey(idempotencyKey), lockKey(idempotencyKey)),
                token,
                Long.toString(properties.lockTtl().toMillis()));
        if (result == null) {
            throw new IllegalStateException("no answer from Redis");
        }
        return switch (result.intValue()) {
            case 0 -> new AlreadyProcessed();
            case 1 -> new Locked(new Lock(lockKey(idempotencyKey), token), idempotencyKey);
            default -> new Busy();
        };
    }

    /** After the commit: {@code processed:{key}} for the TTL, and the lock released by its owner. */
    public void complete(Locked locked) {
        redis.execute(
                COMPLETE,
                List.of(processedKey(locked.idempotencyKey()), locked.lock().key()),
                locked.lock().token(),
                Long.toString(properties.processedTtl().toSeconds()));
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
