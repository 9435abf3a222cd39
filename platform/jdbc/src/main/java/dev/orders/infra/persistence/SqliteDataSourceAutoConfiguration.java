package dev.orders.infra.persistence;

import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * A SQLite database is reached through Commons DBCP2, whose statement pool keeps the compiled statements the SQLite
 * driver would otherwise prepare anew each time. Made before Spring Boot's pool, which then backs off; PostgreSQL keeps
 * Boot's Hikari.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:sqlite:')")
@EnableConfigurationProperties(DataSourceProperties.class)
public class SqliteDataSourceAutoConfiguration {

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
