package dev.orders.orders.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.Validation;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.infra.messaging.RpcException;
import dev.orders.infra.outbox.Outbox;

/**
 * Seed step 3: generate the order's idempotency key, store it {@code PENDING}, and ask for stock, in one transaction
 * (the events go through the outbox). A request is created once: with a client key, the same key and content return
 * the first order and different content is refused; without one, a redelivery of the same request message (same
 * envelope id) returns the first order.
 */
@Service
public class OrderPlacement {

    private final Orders orders;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final String productsQueue;

    OrderPlacement(Orders orders, Outbox outbox, TransactionTemplate tx,
                   @Value("${orders.products-queue}") String productsQueue) {
        this.orders = orders;
        this.outbox = outbox;
        this.tx = tx;
        this.productsQueue = productsQueue;
    }

    public OrderView place(CreateOrder command, String requestId) {
        InvalidMessageException.check(Validation.createOrder(command));
        String requestKey = command.requestKey() != null ? "key:" + command.requestKey()
                : requestId != null ? "msg:" + requestId : null;
        String hash = fingerprint(command);
        long now = System.currentTimeMillis();
        Order order = new Order(Ids.newId(), Ids.newId(), requestKey, hash, OrderStatus.PENDING, null,
                command.items(), command.customer(), now, now);
        OrderView view = order.view();
        ReserveStock reserve = new ReserveStock(order.id(), order.idempotencyKey(), order.items());
        try {
            // the replay check in the same transaction as the insert: one connection checkout per order, which
            // matters with SQLite's single connection
            return tx.execute(s -> {
                if (requestKey != null) {
                    Optional<OrderView> earlier = replay(requestKey, hash);
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                orders.insert(order);
                outbox.publishEvent(Patterns.ORDER_CREATED, view);
                outbox.sendToQueue(productsQueue, Patterns.PRODUCT_RESERVE_STOCK, reserve);
                return view;
            });
        } catch (DuplicateKeyException raced) {
            // the same request key committed by a concurrent request (another instance, or a redelivery)
            return replay(requestKey, hash).orElseThrow(() -> raced);
        }
    }

    private Optional<OrderView> replay(String requestKey, String hash) {
        return orders.findByRequestKey(requestKey).map(existing -> {
            if (!existing.requestHash().equals(hash)) {
                throw new RpcException(ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                        "this Idempotency-Key was used for a different order");
            }
            return existing.view();
        });
    }

    static String fingerprint(CreateOrder command) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("items", command.items());
        content.put("customer", command.customer());
        byte[] json = WireJson.mapper().writeValueAsBytes(content);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
