package dev.orders.orders.order;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.Validation;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Places an order: generate its idempotency key, store it {@code PENDING}, and ask for stock, in one transaction
 * (the events go through the outbox). A request is created once: with a client key, the same owner, key and content
 * return the first order and different content is refused; without one, a redelivery of the same request message
 * (same envelope id) returns the first order. Client keys are scoped to their owner: two callers who happen to send
 * the same key get an order each and never see each other's.
 */
@Service
public class OrderPlacement {

    private final Orders orders;
    private final OrderMessages messages;
    private final TransactionOperations tx;
    private final Clock clock;
    private final String defaultOwner;

    OrderPlacement(
            Orders orders, OrderMessages messages, TransactionOperations tx, Clock clock, OrderSettings settings) {
        this.orders = orders;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
        this.defaultOwner = settings.amqpDefaultOwner();
    }

    /** {@code requestId}: the request message's id, what a redelivery without a client key is recognised by. */
    public OrderView place(CreateOrder command, String requestId) {
        InvalidRequest.check(Validation.createOrder(command));
        // a sender that names no owner is trusted internal traffic (a NestJS service on orders_queue), and so is its
        // consent to notify the customer
        String owner = command.ownerId() != null ? command.ownerId() : defaultOwner;
        boolean notifyCustomer = command.notifyCustomer() == null || command.notifyCustomer();
        String requestKey = command.requestKey() != null
                ? clientKey(owner, command.requestKey())
                : requestId != null ? "msg:" + requestId : null;
        String hash = fingerprint(command);
        long now = clock.millis();
        Order order = new Order(
                Ids.newId(),
                Ids.newId(),
                requestKey,
                hash,
                OrderStatus.PENDING,
                null,
                command.items(),
                command.customer(),
                now,
                now,
                owner,
                notifyCustomer);
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
                messages.changed(view);
                messages.reserveStock(reserve);
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
                throw new IdempotencyKeyReused();
            }
            return existing.view();
        });
    }

    /**
     * The stored form of an owner's Idempotency-Key: a digest of the owner's length, the owner and the key, so that no
     * two (owner, key) pairs meet, whatever characters an owner id holds, and the column stays short.
     */
    static String clientKey(String owner, String key) {
        return "key:" + sha256Hex((owner.length() + ":" + owner + key).getBytes(StandardCharsets.UTF_8));
    }

    static String fingerprint(CreateOrder command) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("items", command.items());
        content.put("customer", command.customer());
        return sha256Hex(WireJson.mapper().writeValueAsBytes(content));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
