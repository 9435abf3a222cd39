package dev.orders.edge.notifier.web;

import dev.orders.contracts.Page;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Channels;
import dev.orders.edge.notifier.Recipient;
import dev.orders.edge.notifier.RecipientKind;
import dev.orders.edge.notifier.Recipients;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.web.AdminOnly;
import dev.orders.infra.web.JsonBody;
import dev.orders.infra.web.PageQuery;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Admin API of the notifier's recipients. */
@AdminOnly
@RestController
@RequestMapping("/functions/v1/notifier/recipients")
class RecipientsController {

    private static final Pattern LOCALE = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$");
    private static final int MAX_EVENT_TYPES = 50;

    private final Recipients recipients;
    private final Channels channels;
    private final Clock clock;

    RecipientsController(Recipients recipients, Channels channels, Clock clock) {
        this.recipients = recipients;
        this.channels = channels;
        this.clock = clock;
    }

    @GetMapping
    Page<Recipient> list(RecipientQuery query, PageQuery page) {
        return Paging.page(page, query.filter(), recipients::page, Recipient::id);
    }

    /** The listing's filters as the query string gives them. */
    record RecipientQuery(String kind, String channel, String address, String active) {

        Recipients.RecipientFilter filter() {
            RecipientKind k = kind == null || kind.isBlank() ? null : parseKind(kind);
            Boolean isActive = active == null || active.isBlank() ? null : parseBoolean(active);
            String ch = Paging.filter(channel, "channel");
            return new Recipients.RecipientFilter(
                    k, ch == null ? null : ch.toUpperCase(Locale.ROOT), Paging.filter(address, "address"), isActive);
        }
    }

    @GetMapping("/{id}")
    Recipient get(@PathVariable String id) {
        return recipients.find(Paging.uuid(id, "id")).orElseThrow(() -> notFound(id));
    }

    @PostMapping
    ResponseEntity<Recipient> create(@RequestBody JsonNode body) {
        Instant now = clock.instant();
        Recipient r = valid(body, Ids.newId(), RecipientKind.SUBSCRIBER, null, now, now);
        try {
            recipients.insert(r);
        } catch (DuplicateKeyException e) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "A subscriber on " + r.channel() + " at this address exists; change it with PUT.");
        }
        return ResponseEntity.created(URI.create("/functions/v1/notifier/recipients/" + r.id()))
                .body(r);
    }

    /** Replaces the recipient's settings; {@code active: true} brings back one that a provider deactivated. */
    @PutMapping("/{id}")
    Recipient replace(@PathVariable String id, @RequestBody JsonNode body) {
        Recipient old = recipients.find(Paging.uuid(id, "id")).orElseThrow(() -> notFound(id));
        Recipient r = valid(body, old.id(), old.kind(), old, old.createdAt(), clock.instant());
        try {
            if (!recipients.update(r)) {
                throw notFound(id);
            }
        } catch (DuplicateKeyException e) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Another recipient on " + r.channel() + " has this address.");
        }
        return r;
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!recipients.delete(Paging.uuid(id, "id"))) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Unknown fields are ignored: a client may send back what it read, ids and times included. */
    private Recipient valid(
            JsonNode body, String id, RecipientKind kind, Recipient old, Instant createdAt, Instant now) {
        JsonBody r = JsonBody.object(body);
        String channelName = trimmed(r.string("channel", false));
        String address = trimmed(r.string("address", false));
        String name = r.string("name", false);
        List<String> eventTypes = r.strings("eventTypes", false);
        String locale = r.string("locale", false);
        Boolean active = r.bool("active");
        List<Violation> violations = new ArrayList<>();
        Channel channel = null;
        if (channelName == null || channelName.isEmpty()) {
            violations.add(new Violation("channel", "is required, one of " + channels.names()));
        } else {
            channelName = channelName.toUpperCase(Locale.ROOT);
            channel = channels.find(channelName).orElse(null);
            if (channel == null) {
                violations.add(new Violation("channel", "must be one of " + channels.names()));
            }
        }
        if (address == null || address.isEmpty()) {
            violations.add(new Violation("address", "is required"));
        } else if (address.length() > 2000) {
            violations.add(new Violation("address", "must be at most 2000 characters"));
        } else if (Validation.lineTextProblem(address) != null) {
            violations.add(new Violation("address", Validation.lineTextProblem(address)));
        } else if (channel != null) {
            channel.checkAddress(address).ifPresent(m -> violations.add(new Violation("address", m)));
        }
        List<String> types = eventTypes == null ? List.of() : eventTypes;
        if (kind == RecipientKind.SUBSCRIBER && types.isEmpty()) {
            violations.add(new Violation("eventTypes", "must list at least one event type, e.g. [\"order.*\"]"));
        } else if (types.size() > MAX_EVENT_TYPES) {
            violations.add(new Violation("eventTypes", "must list at most " + MAX_EVENT_TYPES + " event types"));
        }
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (t.length() > 100 || !Recipient.EVENT_TYPE_PATTERN.matcher(t).matches()) {
                violations.add(new Violation(
                        "eventTypes[" + i + "]",
                        "must be an event type such as order.confirmed, a wildcard such as order.*, or *"));
            }
        }
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            violations.add(new Violation("locale", "must be a language tag such as es or en-GB"));
        }
        String nameProblem = Validation.lineTextProblem(name);
        if (nameProblem != null) {
            violations.add(new Violation("name", nameProblem));
        } else if (name != null && name.length() > 200) {
            violations.add(new Violation("name", "must be at most 200 characters"));
        }
        r.checkWith(violations);
        boolean isActive = active == null || active;
        String reason =
                isActive ? null : old != null && !old.active() ? old.deactivatedReason() : "deactivated by an admin";
        return new Recipient(
                id,
                kind,
                channelName,
                address,
                name,
                types,
                locale,
                isActive,
                reason,
                old == null ? null : old.migratedFrom(),
                createdAt,
                now);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static RecipientKind parseKind(String kind) {
        try {
            return RecipientKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be SUBSCRIBER or CUSTOMER");
        }
    }

    private static Boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("active", "must be true or false");
        };
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no recipient " + id + ".");
    }
}
