package dev.orders.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load generator. Drives {@code POST /orders} open-loop at a target rate (latency counted from the intended
 * send time, so a stall is not hidden) or closed-loop with N clients, follows every order to its final status from
 * the {@code order.*} events, and prints accepted/s, finalized/s, errors by kind and latency percentiles of the POST
 * and of POST → final status. See {@code ./bench.sh --help}.
 */
public final class Bench {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final Options o;
    final PlainHttp http;
    final String ordersPath;
    final String clientAuthorization;
    final List<String> products = new ArrayList<>();
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final Map<String, Long> finalAt = new ConcurrentHashMap<>();
    final Recorder postLatency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    final Recorder endToEnd = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
    final Histogram postTotal = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    final Histogram endToEndTotal = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder finalized = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, Long> warmupErrors = new ConcurrentHashMap<>();
    volatile double warmupWebhookDrainSeconds;
    final AtomicBoolean settling = new AtomicBoolean();
    volatile double settledAfterSeconds;
    volatile double settledJitPercent;
    final AtomicBoolean measuring = new AtomicBoolean();
    final AtomicLong measuredFinalized = new AtomicLong();
    final AtomicLong measuredAccepted = new AtomicLong();
    volatile Instant measureStart;
    volatile Instant measureEnd;
    volatile boolean coldPhase;
    volatile List<Map<String, Object>> coldWindows;
    volatile Map<String, Object> coldFirst30s;

    Bench(Options o) {
        this.o = o;
        this.http = new PlainHttp(o.url, Duration.ofSeconds(5), Duration.ofSeconds(30));
        this.ordersPath = o.url.resolve("/orders").getRawPath();
        this.clientAuthorization = "Bearer " + o.apiKey;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.servicesDirectory != null) {
            CpuUsage.servicesDirectory = o.servicesDirectory.toAbsolutePath().normalize();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("options", o.asMap());
        report.put("machine", Machine.describe());
        if (o.startup != null) {
            report.put("startup", Reports.startup(o.startup));
        }
        if (o.perfTestSeconds > 0) {
            report.put("broker", BrokerLimit.measure(o));
        }
        Bench bench = new Bench(o);
        report.put("run", bench.run());
        if (o.edgeDb != null) {
            report.put("webhooks", WebhookLatency.measure(o.edgeDb, bench.measureStart, bench.measureEnd));
        }
        report.put("memory", Machine.serviceMemory());
        Reports.print(report);
        if (o.json != null) {
            Files.createDirectories(o.json.toAbsolutePath().getParent());
            Files.writeString(o.json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            System.out.println("Figures written to " + o.json);
        }
        System.exit(0);
    }

    Map<String, Object> run() throws Exception {
        setUpProducts();
        try (Connection amqp = followEvents()) {
            long start = System.nanoTime();
            long warmupEnd = start + o.warmup.toNanos();
            Thread progress = Thread.ofPlatform().daemon().start(() -> progress(start));
            if (o.coldSeconds > 0) {
                coldStart();
            } else {
                // warm-up is closed-loop whatever the mode: a cold system (JIT still compiling) regulates the load
                // instead of drowning in it; then the measured phase runs as asked
                closedLoop(warmupEnd, o.warmupClients);
            }
            settle();
            if (o.edgeDb != null) {
                System.out.println("Warm-up done; waiting for its webhooks to be delivered before measuring…");
                warmupWebhookDrainSeconds = WebhookLatency.awaitQuiet(o.edgeDb, 600);
                System.out.println("… delivered after " + warmupWebhookDrainSeconds + " s");
            }
            postLatency.reset();
            endToEnd.reset();
            measureStart = Instant.now();
            measuredAccepted.set(accepted.sum());
            measuredFinalized.set(finalized.sum());
            errors.forEach((k, v) -> warmupErrors.put(k, v.sum()));
            measuring.set(true);
            CpuUsage.Snapshot cpuFrom = CpuUsage.take();
            long measuredFrom = System.nanoTime();
            long measuredUntil = measuredFrom + o.duration.toNanos();
            measuredLoad(measuredFrom, measuredUntil);
            long sendingStopped = System.nanoTime();
            measureEnd = Instant.now();
            long acceptedDuringMeasure = accepted.sum() - measuredAccepted.get();
            long finalizedDuringMeasure = finalized.sum() - measuredFinalized.get();
            Map<String, Object> cpu = CpuUsage.between(cpuFrom, CpuUsage.take(), finalizedDuringMeasure);
            double measureSeconds = o.duration.toNanos() / 1e9;
            // let the last orders finish; their latency still counts
            long drainDeadline = System.nanoTime() + o.drain.toNanos();
            while (finalized.sum() < accepted.sum() && System.nanoTime() < drainDeadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            long drained = System.nanoTime();
            measuring.set(false);
            progress.interrupt();
            postTotal.add(postLatency.getIntervalHistogram());
            endToEndTotal.add(endToEnd.getIntervalHistogram());

            Map<String, Object> run = new LinkedHashMap<>();
            run.put("mode", o.rate > 0 ? "open-loop " + o.rate + "/s" : "closed-loop " + o.clients + " clients");
            run.put("measuredSeconds", measureSeconds);
            run.put("sent", sent.sum());
            run.put("accepted", accepted.sum());
            run.put("finalized", finalized.sum());
            run.put("confirmed", confirmed.sum());
            run.put("rejected", rejected.sum());
            run.put("notFinalizedAfterDrain", accepted.sum() - finalized.sum());
            run.put("acceptedPerSecond", round(acceptedDuringMeasure / measureSeconds));
            run.put("finalizedPerSecond", round(finalizedDuringMeasure / measureSeconds));
            run.put("drainSeconds", round((drained - sendingStopped) / 1e9));
            Map<String, Long> errorCounts = new LinkedHashMap<>();
            errors.forEach((k, v) -> {
                long measured = v.sum() - warmupErrors.getOrDefault(k, 0L);
                if (measured > 0) {
                    errorCounts.put(k, measured);
                }
            });
            run.put("errors", errorCounts);
            run.put("warmupErrors", new LinkedHashMap<>(warmupErrors));
            run.put("settledAfterSeconds", settledAfterSeconds);
            run.put("settledJitPercentOfOneCore", settledJitPercent);
            if (o.edgeDb != null) {
                run.put("warmupWebhookDrainSeconds", warmupWebhookDrainSeconds);
            }
            run.put("postLatencyMs", Reports.percentiles(postTotal));
            run.put("postToFinalLatencyMs", Reports.percentiles(endToEndTotal));
            run.put("cpu", cpu);
            if (coldWindows != null) {
                run.put("coldWindows", coldWindows);
                run.put("coldFirst30s", coldFirst30s);
            }
            return run;
        }
    }

    /**
     * {@code --cold-seconds}: the measured load from the first second after health, with no warm-up, cut into
     * 10-second windows of throughput, POST latency and CPU per order; the steady-state window follows as usual.
     */
    private void coldStart() throws InterruptedException {
        int windows = (int) Math.ceil(o.coldSeconds / 10.0);
        long start = System.nanoTime();
        List<CpuUsage.Snapshot> cpu = new ArrayList<>();
        List<Long> finalizedAt = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        coldPhase = true;
        postLatency.reset();
        cpu.add(CpuUsage.take());
        finalizedAt.add(finalized.sum());
        long errorsBefore = errorCount();
        Thread load =
                Thread.ofPlatform().start(() -> measuredLoad(start, start + TimeUnit.SECONDS.toNanos(10L * windows)));
        for (int w = 1; w <= windows; w++) {
            LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(10L * w) - System.nanoTime());
            cpu.add(CpuUsage.take());
            finalizedAt.add(finalized.sum());
            long errorsNow = errorCount();
            Histogram post = postLatency.getIntervalHistogram();
            long orders = finalizedAt.get(w) - finalizedAt.get(w - 1);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fromSecond", 10 * (w - 1));
            row.put("toSecond", 10 * w);
            row.put("finalizedPerSecond", round(orders / 10.0));
            row.put("errors", errorsNow - errorsBefore);
            row.put("postP99Ms", Reports.percentiles(post).get("p99"));
            row.put("cpu", CpuUsage.between(cpu.get(w - 1), cpu.get(w), orders));
            rows.add(row);
            errorsBefore = errorsNow;
        }
        load.join();
        coldPhase = false;
        int first30 = Math.min(3, windows);
        coldFirst30s = CpuUsage.between(cpu.get(0), cpu.get(first30), finalizedAt.get(first30) - finalizedAt.get(0));
        coldWindows = rows;
    }

    private long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * The closed-loop warm-up leaves JVMs that are still compiling the paths the measured load takes, and on a slow
     * host their JIT compilers took a quarter of the machine in the measured window. So run the measured load
     * itself in 5 s steps for at least {@code --settle} seconds and until the services' JIT compilers use less than
     * {@code --settle-jit} % of one core together, or {@code --settle-max} seconds have passed; the figures report
     * what the compilers still used in the window.
     */
    private void settle() {
        if (o.settle.isZero() || o.orders > 0) {
            return;
        }
        settling.set(true);
        long start = System.nanoTime();
        long minimum = start + o.settle.toNanos();
        long maximum = start + Math.max(o.settle.toNanos(), o.settleMax.toNanos());
        double jit;
        do {
            CpuUsage.Snapshot before = CpuUsage.take();
            long from = System.nanoTime();
            measuredLoad(from, from + TimeUnit.SECONDS.toNanos(5));
            jit = CpuUsage.jitPercentOfOneCore(before, CpuUsage.take());
        } while (System.nanoTime() < maximum && (System.nanoTime() < minimum || jit > o.settleJitPercent));
        settledAfterSeconds = round((System.nanoTime() - start) / 1e9);
        settledJitPercent = round(jit);
        settling.set(false);
        System.out.println("Settled at the measured load for " + settledAfterSeconds + " s; JIT compilers at "
                + settledJitPercent + " % of one core in the last 5 s");
    }

    /** The load asked for: open-loop at {@code --rate}, or closed-loop with {@code --clients}. */
    private void measuredLoad(long start, long end) {
        if (o.rate > 0) {
            openLoop(start, end);
        } else {
            closedLoop(end, o.clients);
        }
    }

    private void openLoop(long start, long end) {
        // latency counts from each order's intended send time, so a stall shows instead of hiding
        long period = (long) (1e9 / o.rate);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long intended = start + i * period;
                if (intended >= end || (o.orders > 0 && i >= o.orders)) {
                    break;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.submit(() -> send(intended));
            }
        }
    }

    private void closedLoop(long end, int clients) {
        AtomicLong budget = new AtomicLong(o.orders > 0 ? o.orders : Long.MAX_VALUE);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                        send(System.nanoTime());
                    }
                });
            }
        }
    }

    private void send(long intended) {
        String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
        int quantity = 1 + ThreadLocalRandom.current().nextInt(o.maxQuantity);
        String body = "{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}";
        sent.increment();
        try {
            PlainHttp.Response response = http.post(ordersPath, body, "Authorization", clientAuthorization);
            long done = System.nanoTime();
            if (response.status() != 201) {
                errors.computeIfAbsent("HTTP " + response.status(), k -> new LongAdder())
                        .increment();
                return;
            }
            postLatency.recordValue(Math.max(0, done - intended));
            accepted.increment();
            String id = JSON.readTree(response.body()).get("id").asString();
            Long finished = finalAt.remove(id);
            if (finished != null) {
                recordFinal(finished - intended);
            } else {
                sentAt.put(id, intended);
                Long late = finalAt.remove(id);
                if (late != null && sentAt.remove(id) != null) {
                    recordFinal(late - intended);
                }
            }
        } catch (IOException e) {
            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
        }
    }

    private void onFinal(String id, String pattern) {
        long now = System.nanoTime();
        finalized.increment();
        (pattern.equals("order.confirmed") ? confirmed : rejected).increment();
        Long intended = sentAt.remove(id);
        if (intended != null) {
            recordFinal(now - intended);
        } else {
            finalAt.put(id, now);
        }
    }

    private void recordFinal(long nanos) {
        endToEnd.recordValue(Math.max(0, nanos));
    }

    private Connection followEvents() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(o.amqp);
        Connection connection = factory.newConnection("bench-follower");
        Channel channel = connection.createChannel();
        channel.basicQos(1000);
        String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
        for (String key : List.of("order.confirmed", "order.rejected")) {
            channel.queueBind(queue, o.eventsExchange, key);
        }
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> {
                    JsonNode body = JSON.readTree(delivery.getBody());
                    onFinal(
                            body.get("data").get("id").asString(),
                            body.get("pattern").asString());
                },
                tag -> {});
        return connection;
    }

    private void setUpProducts() throws Exception {
        for (int i = 0; i < o.productCount; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("name", "bench-" + i);
            body.put("price", 1.5);
            body.put("stock", o.stock);
            PlainHttp.Response r = http.post(
                    o.url.resolve("/products").getRawPath(), body.toString(), "Authorization", "Bearer " + o.adminKey);
            if (r.status() != 201) {
                throw new IllegalStateException("cannot create products: " + r.status() + " " + r.body());
            }
            products.add(JSON.readTree(r.body()).get("id").asString());
        }
    }

    private void progress(long start) {
        long lastAccepted = 0;
        long lastFinalized = 0;
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            long a = accepted.sum();
            long f = finalized.sum();
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            System.err.printf(
                    "t=%3ds sent=%d accepted/s=%d finalized/s=%d errors=%d in-flight=%d%s%n",
                    (System.nanoTime() - start) / 1_000_000_000L,
                    sent.sum(),
                    a - lastAccepted,
                    f - lastFinalized,
                    errorCount,
                    a - f,
                    measuring.get() ? "" : settling.get() ? " (settling)" : coldPhase ? " (cold start)" : " (warm-up)");
            lastAccepted = a;
            lastFinalized = f;
        }
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * Command-line options; {@code ./bench.sh --help} shows them.
     *
     * @param apiKey the client's API key for the orders ({@code --api-key}, else {@code BENCH_API_KEY}, else the
     *               development demo key that ./run.sh configures)
     */
    record Options(
            URI url,
            String adminKey,
            String apiKey,
            String amqp,
            String eventsExchange,
            int rate,
            int clients,
            Duration duration,
            Duration warmup,
            int warmupClients,
            Duration drain,
            long orders,
            int productCount,
            int stock,
            int maxQuantity,
            int perfTestSeconds,
            Path json,
            String edgeDb,
            Duration settle,
            Duration settleMax,
            double settleJitPercent,
            int coldSeconds,
            String startup,
            Path servicesDirectory) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                m.put(args[i].substring(2), args[++i]);
            }
            return new Options(
                    URI.create(m.getOrDefault("url", "http://localhost:3000")),
                    m.getOrDefault("admin-key", System.getenv().getOrDefault("ADMIN_API_KEY", "dev-admin-key")),
                    m.getOrDefault("api-key", System.getenv().getOrDefault("BENCH_API_KEY", "dev-demo-shop-key")),
                    m.getOrDefault("amqp", "amqp://guest:guest@localhost:5672/%2F"),
                    m.getOrDefault("events-exchange", "orders_platform.events"),
                    Integer.parseInt(m.getOrDefault("rate", "0")),
                    Integer.parseInt(m.getOrDefault("clients", "64")),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("duration", "60"))),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("warmup", "10"))),
                    Integer.parseInt(m.getOrDefault("warmup-clients", "32")),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("drain", "30"))),
                    Long.parseLong(m.getOrDefault("orders", "0")),
                    Integer.parseInt(m.getOrDefault("products", "50")),
                    Integer.parseInt(m.getOrDefault("stock", "1000000000")),
                    Integer.parseInt(m.getOrDefault("max-quantity", "3")),
                    Integer.parseInt(m.getOrDefault("perftest-seconds", "15")),
                    m.containsKey("json") ? Path.of(m.get("json")) : null,
                    m.get("edge-db"),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("settle", "20"))),
                    Duration.ofSeconds(Long.parseLong(m.getOrDefault("settle-max", "120"))),
                    Double.parseDouble(m.getOrDefault("settle-jit", "20")),
                    Integer.parseInt(m.getOrDefault("cold-seconds", "0")),
                    m.get("startup"),
                    m.containsKey("services-dir") ? Path.of(m.get("services-dir")) : null);
        }

        Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", url.toString());
            out.put("rate", rate);
            out.put("clients", rate > 0 ? null : clients);
            out.put("durationSeconds", duration.toSeconds());
            out.put("warmupSeconds", warmup.toSeconds());
            out.put("warmupClients", warmupClients);
            out.put("settleSeconds", settle.toSeconds());
            out.put("settleMaxSeconds", settleMax.toSeconds());
            out.put("settleJitPercent", settleJitPercent);
            out.put("coldSeconds", coldSeconds);
            out.put("products", productCount);
            out.put("stockEach", stock);
            out.put("maxQuantity", maxQuantity);
            return out;
        }
    }
}
