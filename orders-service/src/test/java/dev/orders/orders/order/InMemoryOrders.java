package dev.orders.orders.order;

import dev.orders.contracts.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;

/** The orders table in a map, with its unique request key and its conditional status updates. */
final class InMemoryOrders implements Orders, InMemoryTransactions.Store {

    private final Map<String, Order> rows = new LinkedHashMap<>();
    // what other instances committed meanwhile: a rollback of ours keeps it
    private final Map<String, Order> committedByOthers = new LinkedHashMap<>();
    private Runnable beforeNextWrite;

    /**
     * Runs {@code other} just before the next insert or transition: another instance committing at that moment. What
     * it writes here survives a rollback of the transaction it interrupted.
     */
    void meanwhile(Runnable other) {
        beforeNextWrite = other;
    }

    private void othersFirst() {
        Runnable other = beforeNextWrite;
        beforeNextWrite = null;
        if (other != null) {
            Map<String, Order> before = new LinkedHashMap<>(rows);
            other.run();
            rows.forEach((id, order) -> {
                if (!order.equals(before.get(id))) {
                    committedByOthers.put(id, order);
                }
            });
        }
    }

    Order get(String id) {
        return rows.get(id);
    }

    List<Order> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public void insert(Order order) {
        othersFirst();
        boolean taken = rows.containsKey(order.id())
                || order.requestKey() != null
                        && rows.values().stream()
                                .anyMatch(o -> order.requestKey().equals(o.requestKey()));
        if (taken) {
            throw new DuplicateKeyException("orders: " + order.id() + " / " + order.requestKey());
        }
        rows.put(order.id(), order);
    }

    @Override
    public Optional<Order> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<Order> findByRequestKey(String requestKey) {
        return rows.values().stream()
                .filter(o -> requestKey.equals(o.requestKey()))
                .findFirst();
    }

    @Override
    public List<Order> page(OrderStatus status, String ownerId, String before, int limit) {
        return rows.values().stream()
                .filter(o -> status == null || o.status() == status)
                .filter(o -> ownerId == null || ownerId.equals(o.ownerId()))
                .filter(o -> before == null || o.id().compareTo(before) < 0)
                .sorted(Comparator.comparing(Order::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Order> rejectPendingCreatedBefore(long createdBefore, String reason, long at, int limit) {
        List<Order> due = rows.values().stream()
                .filter(o -> o.status() == OrderStatus.PENDING && o.createdAt() < createdBefore)
                .sorted(Comparator.comparingLong(Order::createdAt))
                .limit(limit)
                .toList();
        List<Order> ended = new ArrayList<>();
        for (Order order : due) {
            Order rejected = order.decided(OrderStatus.REJECTED, reason, at);
            rows.put(order.id(), rejected);
            ended.add(rejected);
        }
        return ended;
    }

    @Override
    public boolean transition(String id, OrderStatus from, OrderStatus to, String reason, long at) {
        othersFirst();
        Order current = rows.get(id);
        if (current == null || current.status() != from) {
            return false;
        }
        rows.put(id, current.decided(to, reason, at));
        return true;
    }

    @Override
    public Runnable snapshot() {
        Map<String, Order> copy = new LinkedHashMap<>(rows);
        return () -> {
            rows.clear();
            rows.putAll(copy);
            rows.putAll(committedByOthers);
        };
    }

    @Override
    public String toString() {
        return Objects.toString(rows.values());
    }
}
