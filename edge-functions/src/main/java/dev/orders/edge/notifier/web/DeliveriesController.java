package dev.orders.edge.notifier.web;

import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.orders.contracts.Page;
import dev.orders.edge.notifier.Deliveries;
import dev.orders.edge.notifier.Delivery;
import dev.orders.edge.notifier.DeliveryStatus;
import dev.orders.infra.web.AdminOnly;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;

/** The notification log: what was sent to whom, or why not. */
@AdminOnly
@RestController
@RequestMapping("/functions/v1/notifier/deliveries")
class DeliveriesController {

    private final Deliveries deliveries;

    DeliveriesController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    Page<Delivery> list(@RequestParam(required = false) String status,
                        @RequestParam(required = false) String orderId,
                        @RequestParam(required = false) String recipientId,
                        @RequestParam(required = false) String webhookId,
                        @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        DeliveryStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(DeliveryStatus.values()));
            }
        }
        String recipient = recipientId == null || recipientId.isBlank() ? null : Paging.uuid(recipientId, "recipientId");
        var filter = new Deliveries.DeliveryFilter(s, Paging.filter(orderId, "orderId"), recipient,
                Paging.filter(webhookId, "webhookId"));
        String after = Paging.cursor(cursor);
        return Paging.page(size, n -> deliveries.page(filter, after, n), Delivery::id);
    }

    @GetMapping("/{id}")
    Delivery get(@PathVariable String id) {
        return deliveries.find(Paging.uuid(id, "id")).orElseThrow(() ->
                new ProblemException(ProblemType.NOT_FOUND, "There is no delivery " + id + "."));
    }

}
