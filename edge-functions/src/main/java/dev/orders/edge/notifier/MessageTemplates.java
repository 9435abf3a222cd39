package dev.orders.edge.notifier;

import dev.orders.edge.channel.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message templates per event type and language, from {@code notifier/messages_<language>.properties}. A body is
 * written in the Telegram HTML subset; data goes in escaped. A template line whose placeholders have no value (no
 * reason, no lines) is left out. Keys: {@code <type>.subject} and {@code <type>.body}
 * ({@code product.stockReserved.approved|rejected}), {@code event.*} for other types, {@code line},
 * {@code line.named}, {@code more}, {@code reason.<CODE>}, {@code status.<STATUS>}.
 */
final class MessageTemplates {

    static final int MAX_LINES = 100;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, Properties> languages = new LinkedHashMap<>();
    private final String defaultLanguage;

    public MessageTemplates(List<String> languages, String defaultLanguage) {
        for (String language : languages) {
            String tag = language.trim().toLowerCase(Locale.ROOT);
            this.languages.put(tag, load("notifier/messages_" + tag + ".properties"));
        }
        if (this.languages.isEmpty()) {
            throw new IllegalArgumentException("At least one template language is needed");
        }
        String wanted = defaultLanguage == null ? "" : defaultLanguage.trim().toLowerCase(Locale.ROOT);
        if (!this.languages.containsKey(wanted)) {
            throw new IllegalArgumentException("The default language " + defaultLanguage + " has no templates; "
                    + "there are " + this.languages.keySet());
        }
        this.defaultLanguage = wanted;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No templates at classpath:" + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** {@code es-AR} → {@code es}; a language without templates → the default. */
    public String language(String locale) {
        if (locale != null && !locale.isBlank()) {
            String language = locale.trim().split("[-_]")[0].toLowerCase(Locale.ROOT);
            if (languages.containsKey(language)) {
                return language;
            }
        }
        return defaultLanguage;
    }

    public Rendered render(EventFacts facts, String locale) {
        String language = language(locale);
        Properties t = languages.get(language);
        String key = templateKey(facts, t);
        Map<String, String> html = new HashMap<>();
        Map<String, String> plain = new HashMap<>();
        put(html, plain, "type", facts.type());
        put(html, plain, "orderId", facts.orderId());
        put(
                html,
                plain,
                "status",
                facts.status() == null ? null : t.getProperty("status." + facts.status(), facts.status()));
        put(
                html,
                plain,
                "reason",
                facts.reason() == null ? null : t.getProperty("reason." + facts.reason(), facts.reason()));
        put(
                html,
                plain,
                "name",
                facts.contact() == null ? null : facts.contact().name());
        html.put("lines", lines(facts.lines(), t));
        String subject = fill(t.getProperty(key + ".subject"), plain);
        String body = fill(t.getProperty(key + ".body"), html);
        return new Rendered(language, subject.replace('\n', ' ').strip(), body.strip());
    }

    private static void put(Map<String, String> html, Map<String, String> plain, String name, String value) {
        if (value != null && !value.isBlank()) {
            html.put(name, Html.escape(value));
            plain.put(name, value);
        }
    }

    private static String templateKey(EventFacts facts, Properties t) {
        String key = facts.type();
        if (EventFacts.STOCK_RESERVED.equals(key) && facts.approved() != null) {
            key += facts.approved() ? ".approved" : ".rejected";
        }
        return t.containsKey(key + ".body") ? key : "event";
    }

    private static String lines(List<EventFacts.Line> lines, Properties t) {
        List<String> out = new ArrayList<>();
        for (EventFacts.Line line : lines.subList(0, Math.min(lines.size(), MAX_LINES))) {
            Map<String, String> values = new HashMap<>();
            values.put("quantity", String.valueOf(line.quantity()));
            if (line.productId() != null) {
                values.put("productId", Html.escape(line.productId()));
            }
            if (line.name() != null) {
                values.put("name", Html.escape(line.name()));
            }
            out.add(fill(t.getProperty(line.name() != null ? "line.named" : "line"), values));
        }
        if (lines.size() > MAX_LINES) {
            out.add(fill(t.getProperty("more"), Map.of("count", String.valueOf(lines.size() - MAX_LINES))));
        }
        return out.isEmpty() ? null : String.join("\n", out);
    }

    /** Fills every line of the template whose placeholders all have a value; the other lines are left out. */
    static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String line : template.split("\n", -1)) {
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder();
            boolean complete = true;
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    complete = false;
                    break;
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            if (complete) {
                m.appendTail(out);
                kept.add(out.toString());
            }
        }
        return String.join("\n", kept);
    }

    /**
     * @param subject plain text
     * @param html    the body in the Telegram HTML subset
     */
    public record Rendered(String language, String subject, String html) {}
}
