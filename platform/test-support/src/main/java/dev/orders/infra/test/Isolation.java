package dev.orders.infra.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * What {@link IsolatedInfra} made for a test: its virtual host, JDBC URL and Redis key prefix (null where it asked for
 * none). One per annotation value in a JVM, so a test and its Spring context see the same ones.
 */
public record Isolation(String vhost, String jdbcUrl, boolean postgres, String redisPrefix) {

    private static final Map<IsolatedInfra, Isolation> MADE = new ConcurrentHashMap<>();

    /** The share of the servers {@code testClass}'s {@link IsolatedInfra} asks for. */
    public static Isolation of(Class<?> testClass) {
        IsolatedInfra wanted = TestContextAnnotationUtils.findMergedAnnotation(testClass, IsolatedInfra.class);
        if (wanted == null) {
            throw new IllegalArgumentException(testClass.getName() + " is not annotated with @IsolatedInfra");
        }
        return of(wanted);
    }

    static Isolation of(IsolatedInfra wanted) {
        return MADE.computeIfAbsent(wanted, Isolation::make);
    }

    private static Isolation make(IsolatedInfra wanted) {
        String name = wanted.value();
        boolean postgres = switch (wanted.database()) {
            case POSTGRES -> true;
            case CHOSEN_BY_BUILD -> "postgres".equals(System.getProperty("it.db"));
            case NONE, SQLITE -> false;
        };
        String jdbcUrl = switch (wanted.database()) {
            case NONE -> null;
            default -> postgres ? TestInfra.newPostgresSchema(name) : TestInfra.sqliteUrl(name);
        };
        return new Isolation(
                wanted.rabbitmq() ? TestInfra.newVhost(name) : null,
                jdbcUrl,
                postgres,
                wanted.redis() ? TestInfra.redisPrefix(name) : null);
    }

    /** The settings a service reads them from. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (vhost != null) {
            properties.put("spring.rabbitmq.virtual-host", vhost);
        }
        if (jdbcUrl != null) {
            properties.put("spring.datasource.url", jdbcUrl);
            if (postgres) {
                properties.put("spring.datasource.username", "postgres");
            }
        }
        if (redisPrefix != null) {
            properties.put("REDIS_KEY_PREFIX", redisPrefix);
        }
        return properties;
    }
}
