package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which pool a service gets for its database. */
class SqliteDataSourceAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner(String url) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        PersistenceAutoConfiguration.class,
                        SqliteDataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + url);
    }

    @Test
    void sqliteGetsDbcp2WithItsStatementPool() {
        runner("jdbc:sqlite:" + dir.resolve("data/dbcp2.db")).run(context -> {
            assertThat(context).hasSingleBean(DataSource.class);
            BasicDataSource pool = context.getBean(BasicDataSource.class);
            assertThat(pool.isPoolPreparedStatements()).isTrue();
            assertThat(pool.getMaxOpenPreparedStatements()).isEqualTo(256);
            assertThat(pool.getMaxTotal()).isEqualTo(1);
            assertThat(pool.getDriverClassName()).isEqualTo("org.sqlite.JDBC");
            assertThat(dir.resolve("data")).isDirectory();
        });
    }

    @Test
    void postgresqlGetsHikari() {
        runner("jdbc:postgresql://localhost:5432/postgres")
                .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
    }
}
