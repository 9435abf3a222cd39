package dev.orders.infra.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SQLite as a server-side store: WAL (readers never wait for the writer), synchronous=NORMAL (durable across a
 * process crash, an fsync per checkpoint rather than per commit), foreign keys on, no generated-key query after each
 * insert (ids are made in Java), and one pooled connection, so that writers queue fairly in the pool instead of in
 * SQLite's sleeping busy handler; its prepared statements are kept for reuse by DBCP2's statement pool
 * ({@link SqliteDataSourceAutoConfiguration}). On PostgreSQL, Spring Boot's Hikari pool, and Flyway migrates the
 * schema the URL names ({@link FlywaySchema}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class PersistenceAutoConfiguration {

    /** Prepared statements SQLite's connection keeps: more than the services' distinct SQL. */
    static final int MAX_KEPT_STATEMENTS = 256;

    /** The driver settings that make SQLite a server store, given to every connection whichever pool opens it. */
    static final Map<String, String> SQLITE_CONNECTION_PROPERTIES = sqliteConnectionProperties();

    /** One connection, its prepared statements kept by DBCP2's statement pool, the server-store settings above. */
    static void configureSqlite(BasicDataSource ds) {
        SQLITE_CONNECTION_PROPERTIES.forEach(ds::addConnectionProperty);
        ds.setMaxTotal(1);
        ds.setMaxIdle(1);
        ds.setMinIdle(1);
        ds.setDefaultAutoCommit(true);
        ds.setMaxWait(Duration.ofSeconds(30));
        ds.setMaxConn(Duration.ofMinutes(30));
        // a check on every borrow would cost a compiled "select 1" each time; a broken file fails the next statement
        ds.setTestOnBorrow(false);
        ds.setPoolPreparedStatements(true);
        ds.setMaxOpenPreparedStatements(MAX_KEPT_STATEMENTS);
        createFolderOf(ds.getUrl());
    }

    private static Map<String, String> sqliteConnectionProperties() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("journal_mode", "WAL");
        settings.put("synchronous", "NORMAL");
        settings.put("foreign_keys", "true");
        settings.put("busy_timeout", "10000");
        settings.put("transaction_mode", "IMMEDIATE");
        // ids are made in Java, never by the database: without this the driver follows every insert with a
        // "SELECT last_insert_rowid()" of its own, compiled afresh each time
        settings.put("jdbc.get_generated_keys", "false");
        return Collections.unmodifiableMap(settings);
    }

    private static void createFolderOf(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
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
