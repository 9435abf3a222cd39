package dev.orders.e2e;

import dev.orders.contracts.OrderLine;
import dev.orders.infra.json.WireJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.type.TypeReference;

/**
 * Drives orders of mixed quantities against a set of products whose total stock is smaller than the demand, while
 * a fault happens, then reads the outcome straight from the services' databases.
 */
final class LoadRun {

    record Order(String id, String status, String reason, List<OrderLine> items) {}

    final Stack stack;
    final List<String> products = new ArrayList<>();
    final Map<String, Integer> initialStock = new HashMap<>();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger cancelRequests = new AtomicInteger();
    final AtomicLong lowestStockSeen = new AtomicLong(Long.MAX_VALUE);
    private final Random random;

    LoadRun(Stack stack, long seed, int productCount, int stockEach) {
        this.stack = stack;
        this.random = new Random(seed);
        for (int i = 0; i < productCount; i++) {
            String id = stack.api().createProduct("load-" + seed + "-" + i, stockEach);
            products.add(id);
            initialStock.put(id, stockEach);
        }
    }

    /**
     * Sends {@code orders} orders with {@code concurrency} clients; calls {@code atHalf} once half are sent (on its
     * own thread); cancels each accepted order with probability {@code cancelShare}.
     */
    void run(int orders, int concurrency, Runnable atHalf, double cancelShare) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        Thread fault = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < orders; i++) {
                if (i == orders / 2 && atHalf != null) {
                    fault = Thread.ofPlatform().name("fault").start(atHalf);
                }
                String body = nextOrder();
                boolean cancel = random.nextDouble() < cancelShare;
                slots.acquire();
                pool.submit(() -> {
                    try {
                        sent.incrementAndGet();
                        Api.Reply reply = stack.api().call("POST", "/orders", body);
                        if (reply.status() == 201) {
                            String id = reply.field("id");
                            accepted.add(id);
                            if (cancel) {
                                cancelRequests.incrementAndGet();
                                stack.api().call("POST", "/orders/" + id + "/cancel", null);
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (AssertionError e) {
                        failed.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        if (fault != null) {
            fault.join();
        }
    }

    private String nextOrder() {
        return randomOrder(products, random);
    }

    /** One product (a fifth of the time two) from {@code products}, 1 to 4 of the first, 1 to 3 of the second. */
    static String randomOrder(List<String> products, Random random) {
        String first = products.get(random.nextInt(products.size()));
        int quantity = 1 + random.nextInt(4);
        if (random.nextInt(5) == 0) {
            String second;
            do {
                second = products.get(random.nextInt(products.size()));
            } while (second.equals(first));
            return "{\"items\":[{\"productId\":\"" + first + "\",\"quantity\":" + quantity + "},{\"productId\":\""
                    + second + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}]}";
        }
        return "{\"productId\":\"" + first + "\",\"quantity\":" + quantity + "}";
    }

    /** Every order in the orders database that touches one of this run's products. */
    List<Order> orders() {
        List<Order> out = new ArrayList<>();
        Set<String> mine = Set.copyOf(products);
        query(stack.ordersDbUrl(), "SELECT id, status, reason, items FROM orders", rs -> {
            List<OrderLine> items = WireJson.mapper().readValue(rs.getString("items"), new TypeReference<>() {});
            if (items.stream().anyMatch(l -> mine.contains(l.productId()))) {
                out.add(new Order(rs.getString("id"), rs.getString("status"), rs.getString("reason"), items));
            }
        });
        return out;
    }

    Map<String, Integer> stock() {
        Map<String, Integer> out = new HashMap<>();
        Set<String> mine = Set.copyOf(products);
        query(stack.productsDbUrl(), "SELECT id, stock FROM products", rs -> {
            if (mine.contains(rs.getString("id"))) {
                out.put(rs.getString("id"), rs.getInt("stock"));
            }
        });
        out.values().forEach(v -> lowestStockSeen.accumulateAndGet(v, Math::min));
        return out;
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    static void query(String url, String sql, Row row) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
