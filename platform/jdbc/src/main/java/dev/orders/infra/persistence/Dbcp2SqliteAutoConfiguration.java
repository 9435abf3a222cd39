package dev.orders.infra.persistence;

import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * Trial: with {@code platform.jdbc.sqlite-statement-pool=dbcp2} ({@code SQLITE_STATEMENT_POOL}), a SQLite database is
 * reached through Commons DBCP2 with its statement pool instead of Hikari with {@link StatementCache}, to measure
 * whether the library does the job of the hand-written cache. Made before Spring Boot's pool, which then backs off;
 * PostgreSQL is never affected.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(BasicDataSource.class)
@ConditionalOnExpression("'${" + PersistenceAutoConfiguration.STATEMENT_POOL_SETTING + ":own}' == 'dbcp2'"
        + " and '${spring.datasource.url:}'.startsWith('jdbc:sqlite:')")
@EnableConfigurationProperties(DataSourceProperties.class)
public class Dbcp2SqliteAutoConfiguration {

    @Bean
    BasicDataSource dataSource(DataSourceProperties properties) {
        BasicDataSource ds = properties
                .initializeDataSourceBuilder()
                .type(BasicDataSource.class)
                .build();
        PersistenceAutoConfiguration.configureSqlite(ds);
        return ds;
    }
}
