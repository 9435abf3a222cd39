package dev.orders.webhooks.subscription.web;

import dev.orders.contracts.Page;
import dev.orders.infra.egress.DestinationPolicy;
import dev.orders.infra.web.PageQuery;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.SubscriptionAdmin;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/webhooks/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
class SubscriptionController {

    private final SubscriptionAdmin admin;
    private final DestinationPolicy policy;

    SubscriptionController(SubscriptionAdmin admin, DestinationPolicy policy) {
        this.admin = admin;
        this.policy = policy;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscriptionCreatedResponse> create(@RequestBody JsonNode body) {
        SubscriptionRequests.Create command = SubscriptionRequests.create(body, policy);
        SubscriptionAdmin.Created created =
                admin.create(command.url(), command.eventTypes(), command.description(), command.secret());
        return ResponseEntity.created(URI.create(
                        "/webhooks/subscriptions/" + created.subscription().id()))
                .body(SubscriptionCreatedResponse.of(created));
    }

    @GetMapping
    Page<SubscriptionResponse> list(PageQuery page) {
        return Paging.page(page, admin::page, Subscription::id, SubscriptionResponse::of);
    }

    @GetMapping("/{id}")
    SubscriptionResponse get(@PathVariable String id) {
        return SubscriptionResponse.of(admin.find(normalize(id)).orElseThrow(() -> notFound(id)));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionResponse update(@PathVariable String id, @RequestBody JsonNode body) {
        String key = normalize(id);
        if (admin.find(key).isEmpty()) {
            throw notFound(id);
        }
        return SubscriptionResponse.of(
                admin.update(key, SubscriptionRequests.update(body, policy)).orElseThrow(() -> notFound(id)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!admin.delete(normalize(id))) {
            throw notFound(id);
        }
    }

    @PostMapping("/{id}/rotate-secret")
    SecretRotatedResponse rotate(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        String key = normalize(id);
        if (admin.find(key).isEmpty()) {
            throw notFound(id);
        }
        SubscriptionRequests.Rotate command = SubscriptionRequests.rotate(body);
        SubscriptionAdmin.Rotated rotated =
                admin.rotate(key, command.grace(), command.secret()).orElseThrow(() -> notFound(id));
        return new SecretRotatedResponse(
                rotated.subscription().id(),
                rotated.secret(),
                rotated.subscription().secrets().previousExpiresAt());
    }

    private static String normalize(String id) {
        return Paging.existingId(id, SubscriptionController::notFound);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no subscription " + id + ".");
    }
}
