package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.TestInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole system for a test: products-service, orders-service (any number of instances each) and the gateway, as
 * separate processes on free ports, isolated in a virtual host, a Redis key prefix and their own databases.
 */
final class Stack implements AutoCloseable {

    static final String ADMIN_KEY = "e2e-admin-key";
    /** The client every test acts as unless it says otherwise: places, reads and may notify its customers. */
    static final String SHOP_KEY = "e2e-shop-key-000000001";
    /** Another client, which may not notify its customers. */
    static final String OTHER_SHOP_KEY = "e2e-other-shop-key-0001";
    /** A client that may only read. */
    static final String READER_KEY = "e2e-reader-key-00000001";

    static final String API_KEYS = "e2e-shop:" + SHOP_KEY + ":orders.read,orders.write,orders.notify;"
            + "other-shop:" + OTHER_SHOP_KEY + ":orders.read,orders.write;"
            + "reader:" + READER_KEY + ":orders.read";

    static final String[] JVM_OPTIONS = {
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"
    };

    final String name;
    final String vhost;
    final String redisPrefix;
    final boolean postgres;
    final List<ServiceProcess> products = new ArrayList<>();
    final List<ServiceProcess> orders = new ArrayList<>();
    final List<ServiceProcess> gateways = new ArrayList<>();
    final List<ServiceProcess> webhooks = new ArrayList<>();
    private final Map<String, String> common = new HashMap<>();
    private final Map<String, List<String>> jvmOptions;
    private final String productsDb;
    private final String ordersDb;
    private final Duration startup;
    private AmqpTestClient amqp;
    private Api api;

    static final class Builder {
        private final String name;
        private int products = 1;
        private int orders = 1;
        private int gateways = 1;
        private boolean postgres;
        private String telegramUrl;
        private Duration startup = Duration.ofSeconds(240);
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, List<String>> jvmOptions = new HashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder products(int n) {
            products = n;
            return this;
        }

        Builder orders(int n) {
            orders = n;
            return this;
        }

        Builder gateways(int n) {
            gateways = n;
            return this;
        }

        Builder postgres() {
            postgres = true;
            return this;
        }

        /** Also the webhook publisher and the edge functions, with Telegram at {@code telegramUrl}. */
        Builder webhooks(String telegramUrl) {
            this.telegramUrl = telegramUrl;
            return this;
        }

        /** How long each service may take to become healthy. */
        Builder startupTimeout(Duration timeout) {
            startup = timeout;
            return this;
        }

        Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** More JVM options for every instance of {@code module}. */
        Builder jvmOptions(String module, String... options) {
            jvmOptions.put(module, List.of(options));
            return this;
        }

        Stack start() {
            Stack stack = new Stack(this);
            try {
                stack.startAll();
            } catch (RuntimeException | Error e) {
                // the test never gets the stack to close: stop what did start, or it outlives the test run
                try {
                    stack.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return stack;
        }
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    private Stack(Builder b) {
        this.name = b.name;
        this.postgres = b.postgres;
        this.jvmOptions = Map.copyOf(b.jvmOptions);
        this.startup = b.startup;
        this.vhost = TestInfra.newVhost(b.name);
        this.redisPrefix = TestInfra.redisPrefix(b.name);
        TestInfra.requireRedis();
        if (postgres) {
            productsDb = TestInfra.newPostgresSchema(b.name + "_products");
            ordersDb = TestInfra.newPostgresSchema(b.name + "_orders");
        } else {
            productsDb = TestInfra.sqliteUrl(b.name + "-products");
            ordersDb = TestInfra.sqliteUrl(b.name + "-orders");
        }
        common.put("PLATFORM_PROFILE", "dev");
        common.put("RABBITMQ_VHOST", vhost);
        common.put("REDIS_KEY_PREFIX", redisPrefix);
        common.put("ADMIN_API_KEY", ADMIN_KEY);
        common.put("PRODUCTS_DB_URL", productsDb);
        common.put("ORDERS_DB_URL", ordersDb);
        if (postgres) {
            common.put("PRODUCTS_DB_USER", "postgres");
            common.put("ORDERS_DB_USER", "postgres");
        }
        common.put("PRODUCTS_DEMO_CATALOGUE", "false");
        common.put("API_KEYS", API_KEYS);
        common.putAll(b.env);
        for (int i = 0; i < b.products; i++) {
            int port = freePort();
            products.add(service(
                    "products-service",
                    "products-" + (i + 1),
                    port,
                    "/health",
                    Map.of(
                            "PRODUCTS_SERVICE_PORT",
                            Integer.toString(port),
                            "INSTANCE_ID",
                            name + "-products-" + (i + 1))));
        }
        for (int i = 0; i < b.orders; i++) {
            int port = freePort();
            orders.add(service(
                    "orders-service",
                    "orders-" + (i + 1),
                    port,
                    "/health",
                    Map.of("ORDERS_SERVICE_PORT", Integer.toString(port), "INSTANCE_ID", name + "-orders-" + (i + 1))));
        }
        int publisherPort = freePort();
        if (b.telegramUrl != null) {
            webhooks.add(service(
                    "webhook-publisher",
                    "webhook-publisher",
                    publisherPort,
                    "/actuator/health",
                    Map.of(
                            "WEBHOOK_PUBLISHER_PORT", Integer.toString(publisherPort),
                            "WEBHOOK_DB_URL", TestInfra.newPostgresSchema(b.name + "_webhooks"),
                            "WEBHOOK_DB_USER", "postgres",
                            "WEBHOOK_URL_ALLOWLIST", "localhost,127.0.0.1/32",
                            "WEBHOOK_RETRY_DELAYS", "200ms,400ms,800ms")));
            int edgePort = freePort();
            webhooks.add(service(
                    "edge-functions",
                    "edge-functions",
                    edgePort,
                    "/actuator/health",
                    Map.of(
                            "EDGE_FUNCTIONS_PORT",
                            Integer.toString(edgePort),
                            "EDGE_DB_URL",
                            TestInfra.newPostgresSchema(b.name + "_edge"),
                            "EDGE_DB_USER",
                            "postgres",
                            "TELEGRAM_API_BASE_URL",
                            b.telegramUrl,
                            "TELEGRAM_BOT_TOKEN",
                            "123456:E2Etoken")));
        }
        for (int i = 0; i < b.gateways; i++) {
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("API_GATEWAY_PORT", Integer.toString(port));
            if (!orders.isEmpty()) {
                env.put("ORDERS_SERVICE_URL", orders.getFirst().base().toString());
            }
            if (!products.isEmpty()) {
                env.put("PRODUCTS_SERVICE_URL", products.getFirst().base().toString());
            }
            env.put("WEBHOOK_PUBLISHER_URL", "http://localhost:" + publisherPort);
            gateways.add(service("api-gateway", "gateway-" + (i + 1), port, "/actuator/health", env));
        }
    }

    private ServiceProcess service(String module, String instance, int port, String health, Map<String, String> own) {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(own);
        List<String> jvm = new ArrayList<>(List.of(JVM_OPTIONS));
        jvm.addAll(jvmOptions.getOrDefault(module, List.of()));
        return new ServiceProcess(module, name + "-" + instance, port, health, env, jvm);
    }

    private void startAll() {
        all().forEach(ServiceProcess::start);
        all().forEach(s -> s.awaitHealthy(startup));
        amqp = new AmqpTestClient(vhost);
        if (!gateways.isEmpty()) {
            api = new Api(gateways.getFirst().base(), ADMIN_KEY, "Bearer " + SHOP_KEY);
        }
    }

    List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(products);
        all.addAll(orders);
        all.addAll(gateways);
        all.addAll(webhooks);
        return all;
    }

    Api api() {
        return api;
    }

    /** Subscribes {@code url} to the event types (a JSON array) with {@code secret}, as an admin. */
    void subscribe(String url, String eventTypesJson, String secret) {
        Api.Reply reply = api.call(
                "POST",
                "/webhooks/subscriptions",
                "{\"url\":\"" + url + "\",\"eventTypes\":" + eventTypesJson + ",\"secret\":\"" + secret + "\"}",
                "Authorization",
                "Bearer " + ADMIN_KEY);
        assertThat(reply.status()).as("subscribe %s: %s", url, reply.body()).isEqualTo(201);
    }

    AmqpTestClient amqp() {
        return amqp;
    }

    ServiceProcess edgeFunctions() {
        return webhooks.get(1);
    }

    String productsDbUrl() {
        return productsDb;
    }

    String ordersDbUrl() {
        return ordersDb;
    }

    void awaitHealthy() {
        all().forEach(s -> s.awaitHealthy(startup));
    }

    @Override
    public void close() {
        if (amqp != null) {
            amqp.close();
        }
        all().parallelStream().forEach(ServiceProcess::stop);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
