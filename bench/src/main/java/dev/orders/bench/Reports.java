package dev.orders.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Prints the figures as a person reads them; the same map is written as JSON. */
final class Reports {

    private Reports() {}

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            out.put(
                    "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    ms(h.getValueAtPercentile(p)));
        }
        out.put("max", ms(h.getMaxValue()));
        return out;
    }

    /**
     * {@code --startup "all:14.2,products-service:9.1,…"} from bench.sh: seconds from launch until every service
     * answered its health check, and each JVM's uptime when Spring Boot reported it started.
     */
    static Map<String, Object> startup(String figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> services = new LinkedHashMap<>();
        for (String pair : figures.split(",")) {
            String[] kv = pair.split(":", 2);
            if (kv.length == 2 && !kv[1].isBlank()) {
                if (kv[0].equals("all")) {
                    out.put("allHealthySeconds", Double.parseDouble(kv[1]));
                } else {
                    services.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
        }
        out.put("startedAfterSeconds", services);
        return out;
    }

    private static final List<String> COLD_COLUMNS =
            List.of("api-gateway", "orders-service", "products-service", "rabbitmq", "redis");

    /** The cold-start windows, then the first 30 s together and the steady-state window, CPU in ms per order. */
    @SuppressWarnings("unchecked")
    private static void printCold(Map<String, Object> run, Map<String, Object> steady) {
        Object steadyMs = ((Map<String, Object>) steady.get("system")).get("msPerOrder");
        System.out.println();
        System.out.println("cold start: CPU in ms per finalized order (system = services + RabbitMQ + Redis"
                + " + databases), ×steady = system ÷ the steady-state window");
        System.out.printf(
                "%-9s %8s %6s %8s %7s %7s %8s %8s %8s %8s %8s %6s%n",
                "window",
                "final/s",
                "errors",
                "POST p99",
                "system",
                "×steady",
                "gateway",
                "orders",
                "products",
                "rabbitmq",
                "redis",
                "JIT %");
        for (Map<String, Object> w : (List<Map<String, Object>>) run.get("coldWindows")) {
            printColdRow(
                    w.get("fromSecond") + "–" + w.get("toSecond") + " s",
                    w.get("finalizedPerSecond"),
                    w.get("errors"),
                    w.get("postP99Ms"),
                    (Map<String, Object>) w.get("cpu"),
                    steadyMs);
        }
        Map<String, Object> first30 = (Map<String, Object>) run.get("coldFirst30s");
        printColdRow("0–30 s", "", "", "", first30, steadyMs);
        printColdRow(
                "steady",
                run.get("finalizedPerSecond"),
                ((Map<?, ?>) run.get("errors"))
                        .values().stream()
                                .mapToLong(v -> ((Number) v).longValue())
                                .sum(),
                ((Map<String, Object>) run.get("postLatencyMs")).get("p99"),
                steady,
                steadyMs);
        System.out.println();
    }

    @SuppressWarnings("unchecked")
    private static void printColdRow(
            String window, Object perSecond, Object errors, Object p99, Map<String, Object> cpu, Object steadyMs) {
        Map<String, Object> system = (Map<String, Object>) cpu.get("system");
        Map<String, Map<String, Object>> byProcess = (Map<String, Map<String, Object>>) cpu.get("byProcess");
        Object ms = system.get("msPerOrder");
        String ratio = ms instanceof Number n && steadyMs instanceof Number s && s.doubleValue() > 0
                ? String.format("%.2f", n.doubleValue() / s.doubleValue())
                : "";
        double jit = 0;
        Object[] perService = new Object[COLD_COLUMNS.size()];
        for (int i = 0; i < perService.length; i++) {
            Map<String, Object> f = byProcess.get(COLD_COLUMNS.get(i));
            perService[i] = f == null || f.get("msPerOrder") == null ? "" : f.get("msPerOrder");
            if (f != null && f.get("jitPercentOfOneCore") instanceof Number n) {
                jit += n.doubleValue();
            }
        }
        System.out.printf(
                "%-9s %8s %6s %8s %7s %7s %8s %8s %8s %8s %8s %6.0f%n",
                window,
                perSecond,
                errors,
                p99,
                ms == null ? "" : ms,
                ratio,
                perService[0],
                perService[1],
                perService[2],
                perService[3],
                perService[4],
                jit);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> report) {
        System.out.println();
        System.out.println("=== Orders platform benchmark ===");
        System.out.println("machine: " + report.get("machine"));
        Map<String, Object> broker = (Map<String, Object>) report.get("broker");
        Map<String, Object> run = (Map<String, Object>) report.get("run");
        System.out.println("mode: " + run.get("mode") + ", measured " + run.get("measuredSeconds") + " s, after "
                + run.get("settledAfterSeconds") + " s at that load to settle (JIT compilers then at "
                + run.get("settledJitPercentOfOneCore") + " % of one core)");
        System.out.printf(
                "orders: sent %s, accepted %s, finalized %s (confirmed %s, rejected %s), not finalized %s%n",
                run.get("sent"),
                run.get("accepted"),
                run.get("finalized"),
                run.get("confirmed"),
                run.get("rejected"),
                run.get("notFinalizedAfterDrain"));
        System.out.printf(
                "throughput: accepted %s/s, finalized %s/s%n",
                run.get("acceptedPerSecond"), run.get("finalizedPerSecond"));
        System.out.println("errors: " + run.get("errors"));
        Map<String, Object> before = (Map<String, Object>) run.get("warmupErrors");
        if (before != null && !before.isEmpty()) {
            // not counted above, but not hidden: a cold system sheds load (503) while its JIT compilers catch up
            System.out.println("errors before the measured window (warm-up and settling, not counted): " + before);
        }
        System.out.println("latency POST (ms):          " + run.get("postLatencyMs"));
        System.out.println("latency POST → final (ms):  " + run.get("postToFinalLatencyMs"));
        if (broker != null) {
            double raw = ((Number) broker.get("messagesPerSecond")).doubleValue();
            double perOrder = ((Number) broker.get("messagesPerOrder")).doubleValue();
            double finalizedPerSecond = ((Number) run.get("finalizedPerSecond")).doubleValue();
            double ratio = raw == 0 ? 0 : finalizedPerSecond * perOrder / raw;
            broker.put("ratio", Math.round(ratio * 1000) / 1000.0);
            System.out.printf(
                    "broker limit (PerfTest, persistent, confirms): %.0f msg/s; system uses %.0f msg/s "
                            + "(%s/s × %.0f messages per order) = %.1f%% of it%n",
                    raw, finalizedPerSecond * perOrder, run.get("finalizedPerSecond"), perOrder, ratio * 100);
        }
        Map<String, Object> cpu = (Map<String, Object>) run.get("cpu");
        if (cpu != null) {
            Map<String, Object> system = (Map<String, Object>) cpu.get("system");
            System.out.printf(
                    "cpu in the measured window: machine %s%% busy, %s%% stolen by the hypervisor; the "
                            + "system %s ms per finalized order (%s%% of one core)%n",
                    cpu.get("machineBusyPercent"),
                    cpu.get("machineStealPercent"),
                    system.get("msPerOrder"),
                    system.get("percentOfOneCore"));
            ((Map<String, Map<String, Object>>) cpu.get("byProcess"))
                    .forEach((name, f) -> System.out.printf(
                            "cpu: %-20s %6s%% of one core, %5s ms per order%s%n",
                            name,
                            f.get("percentOfOneCore"),
                            f.get("msPerOrder"),
                            f.containsKey("jitPercentOfOneCore")
                                    ? " (of which JIT compilers " + f.get("jitPercentOfOneCore") + "%, GC "
                                            + f.get("gcPercentOfOneCore") + "%)"
                                    : ""));
        }
        if (run.get("coldWindows") != null) {
            printCold(run, cpu);
        }
        if (report.get("startup") != null) {
            System.out.println("start-up (s): " + report.get("startup"));
        }
        if (report.get("webhooks") != null) {
            System.out.println("webhooks, event → logger (ms): " + report.get("webhooks"));
        }
        List<Map<String, Object>> memory = (List<Map<String, Object>>) report.get("memory");
        long total = 0;
        for (Map<String, Object> m : memory) {
            System.out.printf("memory: %-20s pid %-7s RSS %5d MiB%n", m.get("service"), m.get("pid"), m.get("rssMiB"));
            total += ((Number) m.get("rssMiB")).longValue();
        }
        System.out.printf("memory: all services        RSS %5d MiB%n", total);
    }
}
