package dev.orders.webhooks.subscription;

import dev.orders.infra.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Subscription use cases. Input is already validated by the web layer (URL policy, event types); this class owns
 * the secrets, which leave it only in {@link Created} and {@link Rotated}.
 */
@Service
public class SubscriptionAdmin {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionAdmin.class);

    private final Subscriptions subscriptions;
    private final SubscriptionProperties properties;
    private final Clock clock;

    SubscriptionAdmin(Subscriptions subscriptions, SubscriptionProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The only moment the secret is shown, besides a rotation. */
    public record Created(Subscription subscription, String secret) {
        @Override
        public String toString() {
            return "Created[" + subscription + "]";
        }
    }

    public record Rotated(Subscription subscription, String secret) {
        @Override
        public String toString() {
            return "Rotated[" + subscription + "]";
        }
    }

    /** {@code suppliedSecret} null: a new random one. */
    public Created create(String url, List<String> eventTypes, String description, String suppliedSecret) {
        Instant now = clock.instant();
        String secret = suppliedSecret == null ? Secrets.generate() : suppliedSecret;
        Subscription subscription = new Subscription(
                Ids.newId(),
                url,
                EventTypes.normalize(eventTypes),
                description,
                true,
                null,
                null,
                0,
                new SigningSecrets(secret, null, null),
                now,
                now,
                null);
        subscriptions.insert(subscription);
        log.info("Subscription {} created for {} -> {}", subscription.id(), subscription.eventTypes(), url);
        return new Created(subscription, secret);
    }

    public Optional<Subscription> find(String id) {
        return subscriptions.find(id);
    }

    public List<Subscription> page(String cursor, int limit) {
        return subscriptions.page(cursor, limit);
    }

    public Optional<Subscription> update(String id, SubscriptionChanges changes) {
        SubscriptionChanges normalized = changes.eventTypes() == null
                ? changes
                : new SubscriptionChanges(
                        changes.url(),
                        EventTypes.normalize(changes.eventTypes()),
                        changes.descriptionSet(),
                        changes.description(),
                        changes.enabled());
        if (!subscriptions.update(id, normalized, clock.instant())) {
            return Optional.empty();
        }
        log.info("Subscription {} updated", id);
        return subscriptions.find(id);
    }

    /** A null grace means the configured default; a null secret, a new random one. */
    public Optional<Rotated> rotate(String id, Duration grace, String suppliedSecret) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Subscription> existing = subscriptions.find(id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            String secret = suppliedSecret == null ? Secrets.generate() : suppliedSecret;
            SigningSecrets current = existing.get().secrets();
            SigningSecrets rotated =
                    current.rotate(secret, now.plus(grace == null ? properties.rotationGrace() : grace));
            if (subscriptions.rotate(id, current.current(), rotated, now)) {
                log.info(
                        "Subscription {} secret rotated; the previous one signs until {}",
                        id,
                        rotated.previousExpiresAt());
                return subscriptions.find(id).map(s -> new Rotated(s, secret));
            }
        }
        throw new IllegalStateException("Subscription " + id + " is being rotated concurrently");
    }

    public boolean delete(String id) {
        boolean deleted = subscriptions.delete(id, clock.instant());
        if (deleted) {
            log.info("Subscription {} deleted", id);
        }
        return deleted;
    }
}
