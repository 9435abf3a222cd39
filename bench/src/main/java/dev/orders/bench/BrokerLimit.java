package dev.orders.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's own limit on this machine, measured just before the load with RabbitMQ PerfTest (from Maven
 * Central) in a separate process: persistent messages, publisher confirms, a durable queue, messages of the size of
 * ours.
 */
final class BrokerLimit {

    /**
     * Broker messages per finalized order: the {@code orders.create} request and its reply, {@code order.created},
     * {@code product.reserveStock}, {@code product.stockReserved}, and {@code order.confirmed} or
     * {@code order.rejected}.
     */
    static final int MESSAGES_PER_ORDER = 6;

    private BrokerLimit() {}

    static Map<String, Object> measure(Bench.Options o) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "com.rabbitmq.perf.PerfTest",
                "--uri",
                o.amqp(),
                "--producers",
                "2",
                "--consumers",
                "2",
                "--flag",
                "persistent",
                "--confirm",
                "200",
                "--size",
                "400",
                "--queue",
                "bench.perftest",
                "--auto-delete",
                "true",
                "--time",
                Integer.toString(o.perfTestSeconds())));
        System.err.println("Measuring the broker's limit with PerfTest for " + o.perfTestSeconds() + " s…");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Double sending = null;
        Double receiving = null;
        String last = "";
        Pattern rate = Pattern.compile("(sending|receiving) rate avg: (\\d+)");
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                last = line;
                Matcher m = rate.matcher(line);
                while (m.find()) {
                    if (m.group(1).equals("sending")) {
                        sending = Double.parseDouble(m.group(2));
                    } else {
                        receiving = Double.parseDouble(m.group(2));
                    }
                }
            }
        }
        p.waitFor();
        if (sending == null) {
            throw new IllegalStateException("PerfTest printed no rate; last line: " + last);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "tool",
                "RabbitMQ PerfTest 2.22.1: 2 producers, 2 consumers, persistent, confirms (200 in flight), 400 B");
        out.put("messagesPerSecond", Math.min(sending, receiving == null ? sending : receiving));
        out.put("sendingPerSecond", sending);
        out.put("receivingPerSecond", receiving);
        out.put("messagesPerOrder", MESSAGES_PER_ORDER);
        return out;
    }
}
