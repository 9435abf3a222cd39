package dev.orders.webhooks.delivery.history.web;

import dev.orders.contracts.Page;
import dev.orders.contracts.Violation;
import dev.orders.infra.web.JsonBody;
import dev.orders.infra.web.PageQuery;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryStatus;
import dev.orders.webhooks.delivery.history.DeliveryFilter;
import dev.orders.webhooks.delivery.history.DeliveryHistory;
import dev.orders.webhooks.subscription.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class DeliveryController {

    private final DeliveryHistory history;

    DeliveryController(DeliveryHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/webhooks/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<DeliveryResponse> list(
            @RequestParam(required = false) String subscriptionId,
            @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            PageQuery page) {
        List<Violation> violations = new ArrayList<>();
        if (subscriptionId != null && !Paging.isId(subscriptionId)) {
            violations.add(new Violation("subscriptionId", "must be a subscription id"));
        }
        if (eventType != null && !EventTypes.KNOWN.contains(eventType)) {
            violations.add(new Violation("eventType", "must be one of " + String.join(", ", EventTypes.KNOWN)));
        }
        DeliveryStatus parsedStatus = null;
        if (status != null) {
            try {
                parsedStatus = DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("status", "must be one of PENDING, SUCCEEDED, FAILED"));
            }
        }
        Instant fromTime = from == null ? null : JsonBody.parseInstant(from, "from", violations);
        Instant toTime = to == null ? null : JsonBody.parseInstant(to, "to", violations);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            violations.add(new Violation("to", "must be after from"));
        }
        ProblemException.check(violations);
        DeliveryFilter filter = new DeliveryFilter(
                subscriptionId == null ? null : subscriptionId.toLowerCase(),
                eventType,
                parsedStatus,
                fromTime,
                toTime);
        return Paging.page(page, (after, n) -> history.page(filter, after, n), Delivery::id, DeliveryResponse::of);
    }

    @GetMapping(path = "/webhooks/deliveries/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    DeliveryDetailsResponse get(@PathVariable String id) {
        return history.find(normalize(id)).map(DeliveryDetailsResponse::of).orElseThrow(() -> notFound(id));
    }

    @PostMapping(path = "/webhooks/deliveries/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryResponse replay(@PathVariable String id) {
        String key = normalize(id);
        DeliveryHistory.ReplayedDelivery replayed = history.replay(key);
        switch (replayed.outcome()) {
            case NOT_FOUND -> throw notFound(id);
            case STILL_PENDING ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "Delivery " + id + " is still being delivered; replay it once it has SUCCEEDED or FAILED.");
            case SUBSCRIPTION_INACTIVE ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "The subscription of delivery " + id + " is disabled or deleted; enable it first.");
            case REPLAYED -> {
                // answered below
            }
        }
        return DeliveryResponse.of(replayed.delivery());
    }

    @PostMapping(
            path = "/webhooks/subscriptions/{id}/replay-failed",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayedFailuresResponse replayFailed(@PathVariable String id, @RequestBody JsonNode body) {
        JsonBody r = JsonBody.object(body, Set.of("since"));
        Instant since = r.instant("since", true);
        r.check();
        if (!Paging.isId(id)) {
            throw subscriptionNotFound(id);
        }
        DeliveryHistory.ReplayedFailures result = history.replayFailed(id.toLowerCase(), since);
        return switch (result.outcome()) {
            case NOT_FOUND -> throw subscriptionNotFound(id);
            case SUBSCRIPTION_INACTIVE ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "Subscription " + id + " is disabled; enable it before replaying its deliveries.");
            default -> new ReplayedFailuresResponse(id.toLowerCase(), since, result.count());
        };
    }

    private static String normalize(String id) {
        return Paging.existingId(id, DeliveryController::notFound);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no delivery " + id + ".");
    }

    private static ProblemException subscriptionNotFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no subscription " + id + ".");
    }
}
