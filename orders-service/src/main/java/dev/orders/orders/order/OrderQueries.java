package dev.orders.orders.order;

import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.Limits;
import dev.orders.contracts.ListOrders;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Page;
import dev.orders.contracts.Validation;
import org.springframework.stereotype.Service;

/** Reads, each narrowed to one owner when the request names one: another owner's order is not found. */
@Service
public class OrderQueries {

    private final Orders orders;

    OrderQueries(Orders orders) {
        this.orders = orders;
    }

    public OrderView get(String id, String ownerId) {
        if (!Validation.isUuid(id)) {
            throw new InvalidRequest("id", "must be a UUID");
        }
        return orders.find(id.toLowerCase())
                .filter(o -> o.visibleTo(ownerId))
                .map(Order::view)
                .orElseThrow(() -> new OrderNotFound(id));
    }

    public Page<OrderView> list(ListOrders query) {
        InvalidRequest.check(Validation.pageLimit(query.limit(), "limit"));
        if (query.cursor() != null && !Validation.isUuid(query.cursor())) {
            throw new InvalidRequest("cursor", "is not a cursor from a previous page");
        }
        int limit = query.limit() == null ? Limits.DEFAULT_PAGE_SIZE : query.limit();
        return Page.ofOneExtra(
                orders.page(query.status(), query.ownerId(), query.cursor(), limit + 1), limit, Order::id, Order::view);
    }
}
