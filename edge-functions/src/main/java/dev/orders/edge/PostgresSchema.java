package dev.orders.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The schema a PostgreSQL JDBC URL puts first on the search path. */
final class PostgresSchema {

    private PostgresSchema() {
    }

    static Optional<String> fromJdbcUrl(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase("currentSchema")) {
                // a search path may list several schemas; the first is where unqualified tables are created
                String first = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).split(",")[0].trim();
                return first.isEmpty() ? Optional.empty() : Optional.of(first);
            }
        }
        return Optional.empty();
    }
}
