package dev.orders.edge.notifier.web;

import dev.orders.contracts.Page;
import dev.orders.edge.notifier.Notification;
import dev.orders.edge.notifier.NotificationStatus;
import dev.orders.edge.notifier.Notifications;
import dev.orders.infra.web.AdminOnly;
import dev.orders.infra.web.PageQuery;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The notification log: what was sent to whom, or why not. */
@AdminOnly
@RestController
@RequestMapping("/functions/v1/notifier/deliveries")
class NotificationsController {

    private final Notifications deliveries;

    NotificationsController(Notifications deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    Page<Notification> list(NotificationQuery query, PageQuery page) {
        return Paging.page(page, query.filter(), deliveries::page, Notification::id);
    }

    /** The listing's filters as the query string gives them. */
    record NotificationQuery(String status, String orderId, String recipientId, String webhookId) {

        Notifications.NotificationFilter filter() {
            NotificationStatus s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = NotificationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("status", "must be one of " + List.of(NotificationStatus.values()));
                }
            }
            String recipient =
                    recipientId == null || recipientId.isBlank() ? null : Paging.uuid(recipientId, "recipientId");
            return new Notifications.NotificationFilter(
                    s, Paging.filter(orderId, "orderId"), recipient, Paging.filter(webhookId, "webhookId"));
        }
    }

    @GetMapping("/{id}")
    Notification get(@PathVariable String id) {
        return deliveries
                .find(Paging.uuid(id, "id"))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "There is no delivery " + id + "."));
    }
}
