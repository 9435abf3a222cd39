package dev.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the system during the measured window, from {@code /proc}: every service jar, the
 * broker, the databases, Redis and the load generator itself, and the machine as a whole. Divided by the orders
 * finalized in the window it gives CPU per order, a figure that moves far less with the host's noise than
 * throughput does, and shows where the time goes.
 */
final class CpuUsage {

    /** Linux's {@code USER_HZ}: 100 on every mainstream architecture; Java cannot ask {@code sysconf}. */
    private static final double TICKS_PER_SECOND = 100;
    /** Separates a service from a part of its JVM in the snapshot's keys: {@code "orders-service/jit"}. */
    private static final String JVM_PART = "/";

    /**
     * When set, only service JVMs started from this directory count (./run.sh starts them from the repository root):
     * on a shared machine other checkouts' tests run the same jars.
     */
    static volatile Path servicesDirectory;

    private CpuUsage() {}

    /** Ticks used so far by each group of processes, plus the machine's busy and total ticks. */
    record Snapshot(long nanoTime, Map<String, Long> ticks, long machineBusy, long machineSteal, long machineTotal) {}

    static Snapshot take() {
        Map<String, Long> ticks = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    Matcher service = Machine.SERVICE_JAR.matcher(
                            new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8));
                    boolean isService = service.find() && startedHere(p);
                    String group = Long.parseLong(p.getFileName().toString()) == self
                            ? "load generator"
                            : isService ? service.group(1) : infrastructure(name(stat));
                    if (group != null) {
                        ticks.merge(group, cpuTicks(stat), Long::sum);
                    }
                    if (isService) {
                        jvmThreads(p, group, ticks);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process went away, or is not ours to read
                }
            });
        } catch (IOException ignored) {
            // not Linux
        }
        long busy = 0;
        long steal = 0;
        long total = 0;
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i == 8) {
                    steal += v; // time the hypervisor gave to someone else: the host's noise
                } else if (i != 4 && i != 5) { // not idle, not iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return new Snapshot(System.nanoTime(), ticks, busy, steal, total);
    }

    private static boolean startedHere(Path process) throws IOException {
        Path dir = servicesDirectory;
        return dir == null || Files.readSymbolicLink(process.resolve("cwd")).equals(dir);
    }

    /** The JIT compilers' and the garbage collector's share of a service JVM, from its threads' names. */
    private static void jvmThreads(Path process, String service, Map<String, Long> ticks) {
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = name(stat);
                    String kind = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                            ? "jit"
                            : name.startsWith("GC Thread") || name.equals("VM Thread") ? "gc" : null;
                    if (kind != null) {
                        ticks.merge(service + JVM_PART + kind, cpuTicks(stat), Long::sum);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the thread ended
                }
            });
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The command name in a {@code /proc/.../stat} line (a process's, or a thread's). */
    private static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** {@code utime + stime} from a {@code /proc/.../stat} line. */
    private static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String infrastructure(String name) {
        if (name.equals("beam.smp")
                || name.startsWith("erl_child")
                || name.equals("epmd")
                || name.equals("inet_gethost")) {
            return "rabbitmq";
        }
        if (name.equals("postgres")) {
            return "postgresql";
        }
        if (name.startsWith("redis-server")) {
            return "redis";
        }
        return null;
    }

    /**
     * Per group: share of one core and milliseconds of CPU per finalized order over the window; plus the same for
     * all of the system together and how busy the whole machine was.
     */
    static Map<String, Object> between(Snapshot from, Snapshot to, long finalizedOrders) {
        double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> groups = new LinkedHashMap<>();
        double systemSeconds = 0;
        List<Map.Entry<String, Long>> used = to.ticks().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - from.ticks().getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .toList();
        for (Map.Entry<String, Long> e : used) {
            if (e.getValue() == 0 || e.getKey().contains(JVM_PART)) {
                continue;
            }
            double cpuSeconds = e.getValue() / TICKS_PER_SECOND;
            if (!e.getKey().equals("load generator")) {
                systemSeconds += cpuSeconds;
            }
            Map<String, Object> f = figures(cpuSeconds, seconds, finalizedOrders);
            for (String part : List.of("jit", "gc")) {
                String key = e.getKey() + JVM_PART + part;
                if (to.ticks().containsKey(key)) {
                    // threads that ended in the window take their time with them: at least this much
                    long partTicks =
                            Math.max(0, to.ticks().get(key) - from.ticks().getOrDefault(key, 0L));
                    f.put(part + "PercentOfOneCore", Bench.round(100 * partTicks / TICKS_PER_SECOND / seconds));
                }
            }
            groups.put(e.getKey(), f);
        }
        out.put("windowSeconds", Bench.round(seconds));
        out.put("system", figures(systemSeconds, seconds, finalizedOrders));
        out.put("byProcess", groups);
        long total = to.machineTotal() - from.machineTotal();
        out.put(
                "machineBusyPercent",
                total == 0 ? null : Bench.round(100.0 * (to.machineBusy() - from.machineBusy()) / total));
        out.put(
                "machineStealPercent",
                total == 0 ? null : Bench.round(100.0 * (to.machineSteal() - from.machineSteal()) / total));
        return out;
    }

    /** What the services' JIT compiler threads used together between two snapshots, in % of one core. */
    static double jitPercentOfOneCore(Snapshot from, Snapshot to) {
        long ticks = 0;
        for (Map.Entry<String, Long> e : to.ticks().entrySet()) {
            if (e.getKey().endsWith(JVM_PART + "jit")) {
                ticks += Math.max(0, e.getValue() - from.ticks().getOrDefault(e.getKey(), 0L));
            }
        }
        double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        return seconds <= 0 ? 0 : 100 * ticks / TICKS_PER_SECOND / seconds;
    }

    private static Map<String, Object> figures(double cpuSeconds, double windowSeconds, long orders) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("percentOfOneCore", Bench.round(100 * cpuSeconds / windowSeconds));
        f.put("msPerOrder", orders == 0 ? null : Math.round(cpuSeconds * 1000 / orders * 100) / 100.0);
        return f;
    }
}
