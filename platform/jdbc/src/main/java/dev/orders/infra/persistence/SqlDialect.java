package dev.orders.infra.persistence;

/** The two databases a service can run on, and the few places their SQL differs. */
public enum SqlDialect {
    SQLITE,
    POSTGRESQL;

    public static SqlDialect fromUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "Unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
    }

    /** Row-claim suffix for a sub-select that picks rows to lease: other instances skip what one has locked. */
    public String skipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }
}
