package dev.orders.webhooks.subscription.web;

import dev.orders.infra.egress.DestinationPolicy;
import dev.orders.infra.web.JsonBody;
import dev.orders.webhooks.subscription.EventTypes;
import dev.orders.webhooks.subscription.Secrets;
import dev.orders.webhooks.subscription.SubscriptionChanges;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Turns admin request bodies into commands, or a 400 problem listing every wrong field. */
final class SubscriptionRequests {

    static final int MAX_DESCRIPTION = 500;
    static final long MAX_GRACE_SECONDS = 7 * 24 * 3600;

    /** Its {@code toString} leaves the secret out: a command may end up in a log line. */
    record Create(String url, List<String> eventTypes, String description, String secret) {
        @Override
        public String toString() {
            return "Create[url=" + url + ", eventTypes=" + eventTypes + "]";
        }
    }

    record Rotate(Duration grace, String secret) {
        @Override
        public String toString() {
            return "Rotate[grace=" + grace + "]";
        }
    }

    private SubscriptionRequests() {}

    static Create create(JsonNode body, DestinationPolicy policy) {
        JsonBody r = JsonBody.object(body, Set.of("url", "eventTypes", "description", "secret"));
        String url = r.string("url", true, Integer.MAX_VALUE);
        List<String> types = r.strings("eventTypes", true);
        String description = r.string("description", false, MAX_DESCRIPTION);
        String secret = secret(r);
        if (types != null) {
            r.addAll(EventTypes.validate(types, "eventTypes"));
        }
        if (url != null) {
            url(r, url, policy);
        }
        r.check();
        return new Create(url, types, description, secret);
    }

    static SubscriptionChanges update(JsonNode body, DestinationPolicy policy) {
        JsonBody r = JsonBody.object(body, Set.of("url", "eventTypes", "description", "enabled"));
        String url = r.has("url") ? r.string("url", true, Integer.MAX_VALUE) : null;
        List<String> types = r.has("eventTypes") ? r.strings("eventTypes", true) : null;
        String description = r.string("description", false, MAX_DESCRIPTION);
        Boolean enabled = r.bool("enabled");
        if (types != null) {
            r.addAll(EventTypes.validate(types, "eventTypes"));
        }
        if (url != null) {
            url(r, url, policy);
        }
        r.check();
        SubscriptionChanges changes = new SubscriptionChanges(url, types, r.has("description"), description, enabled);
        if (changes.isEmpty()) {
            r.add("", "must change at least one of url, eventTypes, description, enabled");
            r.check();
        }
        return changes;
    }

    /** Nulls when the body does not set them: the configured grace, a new random secret. */
    static Rotate rotate(JsonNode body) {
        JsonBody r = JsonBody.object(body, Set.of("gracePeriodSeconds", "secret"));
        Duration grace = r.seconds("gracePeriodSeconds", 0, MAX_GRACE_SECONDS);
        String secret = secret(r);
        r.check();
        return new Rotate(grace, secret);
    }

    /** An optional admin-supplied secret; the error never repeats the value. */
    private static String secret(JsonBody r) {
        String secret = r.string("secret", false, 200);
        if (secret != null) {
            Secrets.problem(secret).ifPresent(problem -> r.add("secret", problem));
        }
        return secret;
    }

    private static void url(JsonBody r, String url, DestinationPolicy policy) {
        var syntax = DestinationPolicy.syntaxProblem(url);
        if (syntax.isPresent()) {
            r.add("url", syntax.get());
            return;
        }
        policy.refusal(URI.create(url)).ifPresent(reason -> r.add("url", reason));
    }
}
