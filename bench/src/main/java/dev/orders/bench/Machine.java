package dev.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the figures were measured on, and how much memory the services hold. */
final class Machine {

    /** A service's jar on a command line; group 1 is the service's name. */
    static final Pattern SERVICE_JAR = Pattern.compile("([a-z-]+)-[0-9.]+(-SNAPSHOT)?-exec\\.jar");

    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memGiB = Runtime.getRuntime().maxMemory();
        try {
            memGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024)
                    .orElse(0L);
        } catch (IOException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGiB + " GiB, Java "
                + Runtime.version();
    }

    /** RSS of every running service jar ({@code *-exec.jar}), by reading /proc. */
    static List<Map<String, Object>> serviceMemory() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted()
                    .forEach(p -> {
                        try {
                            String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                            var m = SERVICE_JAR.matcher(cmd);
                            if (!m.find()) {
                                return;
                            }
                            long rssKb = Files.readAllLines(p.resolve("status")).stream()
                                    .filter(l -> l.startsWith("VmRSS"))
                                    .findFirst()
                                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                                    .orElse(0L);
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("service", m.group(1));
                            entry.put("pid", p.getFileName().toString());
                            entry.put("rssMiB", rssKb / 1024);
                            out.add(entry);
                        } catch (IOException ignored) {
                            // the process went away
                        }
                    });
        } catch (IOException ignored) {
            // not Linux
        }
        return out;
    }
}
