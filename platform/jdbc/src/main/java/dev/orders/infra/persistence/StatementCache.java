package dev.orders.infra.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Keeps each physical connection's prepared statements for reuse, keyed by their SQL. The SQLite driver has no such
 * cache, so every statement would be compiled again on every call (docs/architecture.md, Decisions). PostgreSQL's
 * driver prepares on the server by itself and needs none of this.
 *
 * <p>Only {@link Connection#prepareStatement(String)} is cached (what Spring's {@code JdbcClient} calls); a statement
 * handed out is the caller's alone until it closes it, when its parameters are cleared and it goes back to the idle
 * ones of its SQL. A statement whose execution threw is closed for real (the driver may have finalized it), and so
 * are all idle ones when their connection closes. At most {@link #MAX_SQL} SQL strings are kept per connection, the
 * least recently used given up first, and at most {@link #MAX_IDLE_PER_SQL} idle statements of each.
 */
public final class StatementCache {

    static final int MAX_SQL = 256;
    static final int MAX_IDLE_PER_SQL = 4;

    private StatementCache() {}

    /** Connections from {@code physical}, each with a cache of its own. */
    public static DataSource wrap(DataSource physical) {
        return new CachingDataSource(physical);
    }

    /** Everything but the connections is the physical data source's. */
    private static final class CachingDataSource extends DelegatingDataSource {

        CachingDataSource(DataSource physical) {
            super(physical);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return caching(obtainTargetDataSource().getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return caching(obtainTargetDataSource().getConnection(username, password));
        }
    }

    private static Connection caching(Connection physical) {
        return (Connection) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new CachingConnection(physical));
    }

    /** The cache of one physical connection. */
    private static final class CachingConnection implements InvocationHandler {

        private final Connection physical;
        private final LinkedHashMap<String, ArrayDeque<PreparedStatement>> idle = new LinkedHashMap<>(64, 0.75f, true);

        CachingConnection(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args.length == 1) {
                return checkOut((String) args[0]);
            }
            if (name.equals("close") || name.equals("abort")) {
                closeIdle();
            } else if (name.equals("equals")) {
                return proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            return forward(physical, method, args);
        }

        private PreparedStatement checkOut(String sql) throws SQLException {
            PreparedStatement statement;
            synchronized (this) {
                ArrayDeque<PreparedStatement> ready = idle.get(sql);
                statement = ready == null ? null : ready.pollFirst();
            }
            if (statement == null || statement.isClosed()) {
                statement = physical.prepareStatement(sql);
            }
            return (PreparedStatement) Proxy.newProxyInstance(
                    StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    new CheckedOut(this, sql, statement));
        }

        /** Takes back a statement its caller closed; false when it is not wanted (then the caller closes it). */
        boolean checkIn(String sql, PreparedStatement statement) {
            List<PreparedStatement> evicted = new ArrayList<>();
            boolean kept;
            synchronized (this) {
                ArrayDeque<PreparedStatement> ready = idle.computeIfAbsent(sql, s -> new ArrayDeque<>());
                kept = ready.size() < MAX_IDLE_PER_SQL;
                if (kept) {
                    ready.addFirst(statement);
                }
                Iterator<Map.Entry<String, ArrayDeque<PreparedStatement>>> oldest =
                        idle.entrySet().iterator();
                while (idle.size() > MAX_SQL && oldest.hasNext()) {
                    evicted.addAll(oldest.next().getValue());
                    oldest.remove();
                }
            }
            evicted.forEach(CachingConnection::closeQuietly);
            return kept;
        }

        private void closeIdle() {
            List<PreparedStatement> all = new ArrayList<>();
            synchronized (this) {
                idle.values().forEach(all::addAll);
                idle.clear();
            }
            all.forEach(CachingConnection::closeQuietly);
        }

        private static void closeQuietly(PreparedStatement statement) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // it is being given up; the connection closes it with itself otherwise
            }
        }
    }

    /** One use of a cached statement, from {@code prepareStatement} to {@code close}. */
    private static final class CheckedOut implements InvocationHandler {

        private final CachingConnection owner;
        private final String sql;
        private final PreparedStatement statement;
        private boolean closed;
        private boolean failed;

        CheckedOut(CachingConnection owner, String sql, PreparedStatement statement) {
            this.owner = owner;
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || statement.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "cached " + statement;
                }
                default -> {
                    if (closed) {
                        throw new SQLException("This statement is closed");
                    }
                    try {
                        return forward(statement, method, args);
                    } catch (SQLException | RuntimeException e) {
                        failed |= name.startsWith("execute");
                        throw e;
                    }
                }
            }
        }

        private void giveBack() throws SQLException {
            if (failed || statement.isClosed()) {
                statement.close();
                return;
            }
            try {
                // a result set left open keeps the statement stepped, and SQLite's read snapshot with it
                statement.getMoreResults();
                statement.clearParameters();
            } catch (SQLException e) {
                statement.close();
                throw e;
            }
            if (!owner.checkIn(sql, statement)) {
                statement.close();
            }
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
