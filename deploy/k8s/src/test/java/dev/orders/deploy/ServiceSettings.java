package dev.orders.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads from its environment, taken from the code rather than from a list kept by hand, so a new
 * setting cannot slip past the manifests: the {@code ${VAR}} and {@code ${VAR:default}} placeholders of
 * platform-defaults.yml and the service's application.yml, and the defaults of its {@code @ConfigurationProperties}
 * records (bound from variables by Spring's relaxed binding). Also its port, health path and published secrets.
 */
record ServiceSettings(
        String service,
        Map<String, Optional<String>> variables,
        int port,
        String healthPath,
        Set<String> publishedSecretVariables) {

    static final List<String> SERVICES =
            List.of("api-gateway", "products-service", "orders-service", "webhook-publisher", "edge-functions");

    /** Read by the platform's Java code or the JVM rather than through a placeholder. */
    static final Set<String> READ_OUTSIDE_PLACEHOLDERS = Set.of(
            "PLATFORM_PROFILE", // dev.orders.infra.secrets.PublishedSecretsCheck
            "JAVA_TOOL_OPTIONS"); // the JVM

    private static final Path PLATFORM_DEFAULTS = Repo.path("platform/core/src/main/resources/platform-defaults.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");
    private static final Pattern PROPERTIES_PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([^\"]+)\"\\)");
    private static final Pattern DEFAULT_VALUE =
            Pattern.compile("@DefaultValue(?:\\((\"[^\"]*\"|\\{[^}]*})\\))?\\s+[\\w.]+(?:<[^>]*>)?\\s+(\\w+)");

    static ServiceSettings of(String service) {
        Path applicationYml = Repo.path(service + "/src/main/resources/application.yml");
        Map<String, Optional<String>> variables = new LinkedHashMap<>();
        placeholders(read(PLATFORM_DEFAULTS), variables);
        String application = read(applicationYml);
        placeholders(application, variables);
        propertiesDefaults(Repo.path(service + "/src/main/java"), variables);

        JsonNode yml = yaml(application);
        Matcher port = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}")
                .matcher(yml.at("/server/port").asText());
        if (!port.matches()) {
            throw new AssertionError(service + ": server.port should be ${VAR:port}, is " + yml.at("/server/port"));
        }
        String basePath = yml.at("/management/endpoints/web/base-path").asText("/actuator");
        String health = (basePath.equals("/") ? "" : basePath) + "/health";

        Set<String> published = new LinkedHashSet<>();
        for (JsonNode file : List.of(yaml(read(PLATFORM_DEFAULTS)), yml)) {
            file.at("/platform/published-secrets")
                    .forEach(s -> published.add(s.path("variable").asText()));
        }
        return new ServiceSettings(service, variables, Integer.parseInt(port.group(1)), health, published);
    }

    /** Whether the probes' liveness and readiness groups are switched on for every service. */
    static boolean healthProbesEnabled() {
        return yaml(read(PLATFORM_DEFAULTS))
                .at("/management/endpoint/health/probes/enabled")
                .asBoolean(false);
    }

    /** {@code VAR} → its default, empty when the placeholder has none (then the manifests must set it). */
    private static void placeholders(String text, Map<String, Optional<String>> into) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Optional<String> fallback = m.group(2) == null ? Optional.empty() : Optional.of(defaultAt(text, m.end()));
            into.merge(m.group(1), fallback, (a, b) -> a.isPresent() ? a : b);
        }
    }

    /** The default after {@code ${VAR:}}, up to its closing brace (defaults may nest another placeholder). */
    private static String defaultAt(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        throw new AssertionError("unclosed placeholder at " + from);
    }

    private static void propertiesDefaults(Path sources, Map<String, Optional<String>> into) {
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                Matcher prefix = PROPERTIES_PREFIX.matcher(text);
                if (!prefix.find()) {
                    return;
                }
                Matcher component = DEFAULT_VALUE.matcher(text);
                while (component.find()) {
                    String value =
                            component.group(1) == null ? "" : component.group(1).replaceAll("^[\"{]|[\"}]$", "");
                    into.putIfAbsent(relaxed(prefix.group(1) + "." + component.group(2)), Optional.of(value));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable Spring's relaxed binding reads for a property: webhook.publisher.url → WEBHOOK_PUBLISHER_URL. */
    private static String relaxed(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
