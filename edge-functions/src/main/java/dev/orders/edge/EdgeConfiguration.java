package dev.orders.edge;

import java.time.Clock;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.orders.infra.InstanceId;
import dev.orders.infra.ids.Ids;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Names the delivery leases this process takes, so an operator can tell instances apart. */
    @Bean
    InstanceId instanceId(@Value("${platform.instance-id:}") String configured,
                          @Value("${spring.application.name}") String application) {
        return new InstanceId(configured.isBlank()
                ? application + "-" + ProcessHandle.current().pid() + "-" + Ids.newId().substring(24)
                : configured);
    }

    /**
     * Flyway creates the schema named by the URL's {@code currentSchema} (the default URL's {@code edge_functions})
     * and keeps its history there; without this it would look for a schema that does not exist yet.
     */
    @Bean
    FlywayConfigurationCustomizer schemaFromUrl(DataSourceProperties dataSource) {
        return flyway -> useSchemaOf(dataSource.determineUrl(), flyway);
    }

    static void useSchemaOf(String jdbcUrl, FluentConfiguration flyway) {
        PostgresSchema.fromJdbcUrl(jdbcUrl)
                .ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema).createSchemas(true));
    }
}
