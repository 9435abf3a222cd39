package dev.orders.infra.persistence;

import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.Driver;

/**
 * Flyway migrates the schema a PostgreSQL URL names in {@code currentSchema} (the first of its search path), and
 * creates it when missing, so one setting ({@code WEBHOOK_DB_URL}, {@code EDGE_DB_URL}, …) says where the tables live.
 * The URL is read by the driver's own parser.
 */
public final class FlywaySchema {

    private FlywaySchema() {}

    /** The schema {@code url} creates unqualified tables in; empty when it names none or is not PostgreSQL's. */
    public static Optional<String> ofJdbcUrl(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        Properties parsed = Driver.parseURL(url, new Properties());
        String value = parsed == null ? null : parsed.getProperty("currentSchema");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String first = value.split(",")[0].trim();
        if (!first.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException(
                    "currentSchema in the database URL must be a plain schema name, not " + first);
        }
        return Optional.of(first);
    }

    /** Points {@code flyway} at the schema of {@code url}, when it names one. */
    public static void useSchemaOf(String url, FluentConfiguration flyway) {
        ofJdbcUrl(url)
                .ifPresent(
                        schema -> flyway.schemas(schema).defaultSchema(schema).createSchemas(true));
    }
}
