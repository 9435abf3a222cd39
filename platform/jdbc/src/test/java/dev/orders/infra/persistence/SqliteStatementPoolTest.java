package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.core.CorePreparedStatement;

/**
 * SQLite's pool as the services get it (DBCP2, one connection, its statement pool), on a real database file. The
 * driver's own statement ({@code unwrap}) tells whether a statement was compiled again or reused.
 */
class SqliteStatementPoolTest {

    private static final String INSERT = "INSERT INTO t (id, v) VALUES (?, ?)";

    @TempDir
    Path dir;

    BasicDataSource pool;

    @BeforeEach
    void open() throws SQLException {
        pool = new BasicDataSource();
        pool.setUrl(url());
        PersistenceAutoConfiguration.configureSqlite(pool);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        }
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("pools/statements.db");
    }

    @AfterEach
    void close() throws SQLException {
        pool.close();
    }

    @Test
    void aClosedStatementIsUsedAgainForTheSameSqlOnTheNextBorrow() throws SQLException {
        CorePreparedStatement first;
        CorePreparedStatement second;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            first = ps.unwrap(CorePreparedStatement.class);
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            second = ps.unwrap(CorePreparedStatement.class);
            assertThat(ps.isClosed()).isFalse();
        }
        assertThat(second).isSameAs(first);
    }

    @Test
    void aStatementLeftOpenWhenItsConnectionGoesBackIsUsedAgain() throws SQLException {
        CorePreparedStatement first;
        try (Connection c = pool.getConnection()) {
            first = c.prepareStatement("SELECT v FROM t").unwrap(CorePreparedStatement.class);
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v FROM t")) {
            assertThat(ps.unwrap(CorePreparedStatement.class)).isSameAs(first);
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
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b')");
            }
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
    void aClosedStatementRefusesFurtherUse() throws SQLException {
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            ps.close();
            assertThat(ps.isClosed()).isTrue();
            assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aQueryWhoseStepFailedIsCompiledAgain() throws SQLException {
        // the driver finalizes a statement whose query failed: the pool may not hand it out again
        CorePreparedStatement failed;
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT abs(?)")) {
                failed = ps.unwrap(CorePreparedStatement.class);
                ps.setLong(1, Long.MIN_VALUE);
                assertThatThrownBy(ps::executeQuery).hasMessageContaining("integer overflow");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT abs(?)")) {
                assertThat(ps.unwrap(CorePreparedStatement.class)).isNotSameAs(failed);
                ps.setLong(1, -7);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void theSqlOfAnUpdateThatFailedWorksNextTime() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setInt(1, 1);
                ps.setString(2, "a");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setInt(1, 1);
                ps.setString(2, "again");
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setInt(1, 2);
                ps.setString(2, "b");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(JdbcClient.create(pool)
                        .sql("SELECT v FROM t ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("a", "b");
    }

    @Test
    void dbcp2KeepsAStatementWhoseUpdateFailedAsTheDriverResetIt() throws SQLException {
        // DBCP2 pools a statement back whatever happened to it: safe, as the driver resets (not finalizes) a
        // statement after a constraint, busy or locked error of executeUpdate, so it stays usable
        CorePreparedStatement reused = statementAfterAFailedUpdate();
        assertThat(reused).isNotNull();
        assertThat(reused.isClosed()).isFalse();
    }

    /** The driver's statement the next prepare of a failed update's SQL returns, null when it is a new one. */
    private CorePreparedStatement statementAfterAFailedUpdate() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t (id, v) VALUES (1, 'a')");
            }
            CorePreparedStatement failed;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                failed = ps.unwrap(CorePreparedStatement.class);
                ps.setInt(1, 1);
                ps.setString(2, "again");
                assertThatThrownBy(ps::executeUpdate).hasMessageContaining("UNIQUE");
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                CorePreparedStatement next = ps.unwrap(CorePreparedStatement.class);
                return next == failed ? next : null;
            }
        }
    }

    @Test
    void transactionsThroughJdbcClientSeeTheirOwnWritesAndRollBack() throws SQLException {
        JdbcClient jdbc = JdbcClient.create(pool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        for (int i = 1; i <= 3; i++) {
            int id = i;
            tx.executeWithoutResult(s -> jdbc.sql(INSERT).params(id, "v" + id).update());
        }
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql(INSERT).params(4, "v4").update();
                    jdbc.sql(INSERT).params(1, "duplicate").update();
                }))
                .isInstanceOf(RuntimeException.class);
        List<String> values = jdbc.sql("SELECT v FROM t WHERE id > ? ORDER BY id")
                .param(0)
                .query(String.class)
                .list();
        assertThat(values).containsExactly("v1", "v2", "v3");
    }

    @Test
    void everyConnectionHasTheServerStoreSettings() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "synchronous")).isEqualTo("1"); // NORMAL
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(s, "busy_timeout")).isEqualTo("10000");
            assertThat(c.getAutoCommit()).isTrue();
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, 42);
            ps.setString(2, "x");
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isFalse();
            }
        }
    }

    @Test
    void aTransactionTakesTheWriteLockWhenItBegins() throws SQLException {
        Properties noWaiting = new Properties();
        noWaiting.setProperty("busy_timeout", "0");
        try (Connection inTransaction = pool.getConnection();
                Connection other = DriverManager.getConnection(url(), noWaiting);
                Statement s = other.createStatement()) {
            inTransaction.setAutoCommit(false);
            // BEGIN IMMEDIATE: the lock is held before the transaction has written anything
            assertThatThrownBy(() -> s.execute("BEGIN IMMEDIATE")).hasMessageContaining("SQLITE_BUSY");
            inTransaction.rollback();
            inTransaction.setAutoCommit(true);
        }
    }

    @Test
    void aSecondBorrowerWaitsForTheOneConnection() throws Exception {
        CompletableFuture<Connection> second;
        try (Connection first = pool.getConnection()) {
            second = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.getConnection();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        }
        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        second.get().close();
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
