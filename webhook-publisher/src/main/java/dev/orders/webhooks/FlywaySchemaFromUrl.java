package dev.orders.webhooks;

import java.util.Properties;
import org.postgresql.Driver;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schema named by {@code currentSchema} in {@code WEBHOOK_DB_URL} is the one Flyway migrates, and creates when
 * missing, so that a single setting picks where the tables live.
 */
@Configuration(proxyBeanMethods = false)
class FlywaySchemaFromUrl {

    @Bean
    FlywayConfigurationCustomizer schemaFromUrl(DataSourceProperties dataSource) {
        String schema = currentSchema(dataSource.determineUrl());
        return configuration -> {
            if (schema != null) {
                configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
        };
    }

    static String currentSchema(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        Properties parsed = Driver.parseURL(url, new Properties());
        String value = parsed == null ? null : parsed.getProperty("currentSchema");
        if (value == null || value.isBlank()) {
            return null;
        }
        // PostgreSQL takes a search path here; the first entry is where objects are created
        String first = value.split(",")[0].trim();
        if (!first.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("currentSchema in WEBHOOK_DB_URL must be a plain schema name, not "
                    + first);
        }
        return first;
    }
}
