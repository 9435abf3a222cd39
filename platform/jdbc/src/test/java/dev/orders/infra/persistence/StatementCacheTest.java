package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.core.CorePreparedStatement;

/**
 * The SQLite pool as the services get it (Hikari, one connection, the statement cache), on a real database file. The
 * driver's own statement ({@code unwrap}) tells whether a statement was compiled again or reused.
 */
class StatementCacheTest {

    @TempDir
    Path dir;

    HikariDataSource pool;

    @BeforeEach
    void open() throws SQLException {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
        PersistenceAutoConfiguration.configureSqlite(pool);
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aClosedStatementIsUsedAgainForTheSameSql() throws SQLException {
        CorePreparedStatement first;
        CorePreparedStatement second;
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                first = ps.unwrap(CorePreparedStatement.class);
            }
        }
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                second = ps.unwrap(CorePreparedStatement.class);
                assertThat(ps.isClosed()).isFalse();
            }
        }
        assertThat(second).isSameAs(first);
    }

    @Test
    void anInsertIsNotFollowedByAGeneratedKeyQuery() throws SQLException {
        // ids are made in Java; the driver's own "SELECT last_insert_rowid()" after each insert is switched off
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            ps.setInt(1, 42);
            ps.setString(2, "x");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isFalse();
            }
        }
    }

    @Test
    void twoOpenAtOnceAreTwoStatements() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement a = c.prepareStatement("SELECT 1");
                PreparedStatement b = c.prepareStatement("SELECT 1")) {
            assertThat(a.unwrap(CorePreparedStatement.class)).isNotSameAs(b.unwrap(CorePreparedStatement.class));
        }
    }

    @Test
    void aReusedStatementStartsWithNoParametersAndFromTheFirstRow() throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b')");
            try (PreparedStatement ps = c.prepareStatement("SELECT ? AS p, v FROM t ORDER BY id")) {
                ps.setString(1, "bound");
                ResultSet rs = ps.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("p")).isEqualTo("bound");
                // the result set is left open: closing the statement must end it
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ? AS p, v FROM t ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("p")).isNull();
                assertThat(rs.getString("v")).isEqualTo("a");
            }
        }
    }

    @Test
    void aStatementWhoseExecutionFailedIsNotKept() throws SQLException {
        CorePreparedStatement failed;
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("INSERT INTO t (id, v) VALUES (1, 'a')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
                failed = ps.unwrap(CorePreparedStatement.class);
                ps.setInt(1, 1);
                ps.setString(2, "again");
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);
            }
            assertThat(failed.isClosed()).isTrue();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
                assertThat(ps.unwrap(CorePreparedStatement.class)).isNotSameAs(failed);
                ps.setInt(1, 2);
                ps.setString(2, "b");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Test
    void aClosedStatementRefusesFurtherUse() throws SQLException {
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            ps.close();
            assertThat(ps.isClosed()).isTrue();
            assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void transactionsThroughJdbcClientSeeTheirOwnWritesAndRollBack() {
        JdbcClient jdbc = JdbcClient.create(pool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        for (int i = 1; i <= 3; i++) {
            int id = i;
            tx.executeWithoutResult(s -> jdbc.sql("INSERT INTO t (id, v) VALUES (?, ?)")
                    .params(id, "v" + id)
                    .update());
        }
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("INSERT INTO t (id, v) VALUES (?, ?)")
                            .params(4, "v4")
                            .update();
                    jdbc.sql("INSERT INTO t (id, v) VALUES (?, ?)")
                            .params(1, "duplicate")
                            .update();
                }))
                .isInstanceOf(RuntimeException.class);
        List<String> values = jdbc.sql("SELECT v FROM t WHERE id > ? ORDER BY id")
                .param(0)
                .query(String.class)
                .list();
        assertThat(values).containsExactly("v1", "v2", "v3");
        assertThat(jdbc.sql("SELECT v FROM t WHERE id > ? ORDER BY id")
                        .param(1)
                        .query(String.class)
                        .list())
                .containsExactly("v2", "v3");
    }
}
