package dev.orders.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSchemaTest {

    @Test
    void readsTheFirstSchemaOfTheSearchPath() {
        assertThat(PostgresSchema.fromJdbcUrl("jdbc:postgresql://localhost:5432/postgres?currentSchema=edge_functions"))
                .contains("edge_functions");
        assertThat(PostgresSchema.fromJdbcUrl("jdbc:postgresql://h/db?ssl=false&currentSchema=a%2Cpublic"))
                .contains("a");
    }

    @Test
    void hasNoneWithoutCurrentSchema() {
        assertThat(PostgresSchema.fromJdbcUrl("jdbc:postgresql://localhost:5432/postgres")).isEmpty();
        assertThat(PostgresSchema.fromJdbcUrl("jdbc:postgresql://localhost/db?user=x")).isEmpty();
        assertThat(PostgresSchema.fromJdbcUrl("jdbc:sqlite:x.db?currentSchema=y")).isEmpty();
    }
}
