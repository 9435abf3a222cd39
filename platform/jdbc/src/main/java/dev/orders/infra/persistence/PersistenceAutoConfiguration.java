package dev.orders.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/**
 * SQLite as a server-side store: WAL (readers never wait for the writer), synchronous=NORMAL (durable across a
 * process crash, an fsync per checkpoint rather than per commit), foreign keys on, no generated-key query after each
 * insert (ids are made in Java), and one pooled connection, so that writers queue fairly in the pool instead of in
 * SQLite's sleeping busy handler; its prepared statements are kept for reuse ({@link StatementCache}). On PostgreSQL,
 * Flyway migrates the schema the URL names ({@link FlywaySchema}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(HikariDataSource.class)
public class PersistenceAutoConfiguration {

    @Bean
    static BeanPostProcessor sqliteDataSourceSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null
                        && ds.getJdbcUrl().startsWith("jdbc:sqlite:")) {
                    configureSqlite(ds);
                }
                return bean;
            }
        };
    }

    static void configureSqlite(HikariDataSource ds) {
        ds.addDataSourceProperty("journal_mode", "WAL");
        ds.addDataSourceProperty("synchronous", "NORMAL");
        ds.addDataSourceProperty("foreign_keys", "true");
        ds.addDataSourceProperty("busy_timeout", "10000");
        ds.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // ids are made in Java, never by the database: without this the driver follows every insert with a
        // "SELECT last_insert_rowid()" of its own, compiled afresh each time
        ds.addDataSourceProperty("jdbc.get_generated_keys", "false");
        ds.setMaximumPoolSize(1);
        ds.setMinimumIdle(1);
        // the connection Hikari would open from the URL, with its compiled statements kept for reuse
        ds.setDataSource(StatementCache.wrap(new DriverDataSource(ds.getJdbcUrl(), ds.getDriverClassName(),
                ds.getDataSourceProperties(), ds.getUsername(), ds.getPassword())));
        String file = ds.getJdbcUrl().substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the folder of " + file, e);
            }
        }
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    SqlDialect sqlDialect(DataSourceProperties properties) {
        return SqlDialect.fromUrl(properties.determineUrl());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Flyway.class, Driver.class})
    static class PostgresFlywaySchema {

        @Bean
        FlywayConfigurationCustomizer schemaFromUrl(DataSourceProperties dataSource) {
            String url = dataSource.determineUrl();
            return flyway -> FlywaySchema.useSchemaOf(url, flyway);
        }
    }
}
