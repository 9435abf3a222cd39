package dev.orders.infra.outbox;

import dev.orders.infra.InstanceId;
import dev.orders.infra.messaging.ConfirmedPublisher;
import dev.orders.infra.messaging.MessagingProperties;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.PersistenceAutoConfiguration;
import dev.orders.infra.persistence.SqlDialect;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox for services that own a database. Its table is migrated by its own Flyway history
 * ({@code flyway_history_infra}), independent of the service's migrations.
 */
@AutoConfiguration(
        after = PersistenceAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({JdbcClient.class, Flyway.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    /** Marker that the outbox table exists; the relay depends on it. */
    public record OutboxSchema() {}

    /**
     * The service's own migrations share the schema with the outbox table, which has its own history; so a schema
     * that already holds the outbox is not "foreign" to the service's Flyway.
     */
    @Bean
    org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer sharedSchemaBaseline() {
        return configuration -> configuration.baselineOnMigrate(true).baselineVersion("0");
    }

    @Bean
    OutboxSchema outboxSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("flyway_history_infra")
                .locations("classpath:db/infra")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new OutboxSchema();
    }

    @Bean
    OutboxRelay outboxRelay(
            OutboxSchema schema,
            DataSource dataSource,
            ConfirmedPublisher publisher,
            SqlDialect dialect,
            OutboxProperties properties,
            InstanceId instanceId,
            MeterRegistry meters,
            TraceHeaders tracing) {
        return new OutboxRelay(
                JdbcClient.create(dataSource), publisher, dialect, properties, instanceId.value(), meters, tracing);
    }

    @Bean
    Outbox outbox(
            OutboxSchema schema,
            DataSource dataSource,
            OutboxRelay relay,
            MessagingProperties messaging,
            OutboxProperties properties,
            InstanceId instanceId,
            TraceHeaders tracing) {
        return new Outbox(
                JdbcClient.create(dataSource),
                relay,
                messaging.eventsExchange(),
                instanceId.value(),
                properties.lease().toMillis(),
                tracing);
    }
}
