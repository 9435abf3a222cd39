package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlywaySchemaTest {

    @Test
    void readsTheFirstSchemaOfTheSearchPath() {
        assertThat(FlywaySchema.ofJdbcUrl("jdbc:postgresql://localhost:5432/postgres?currentSchema=edge_functions"))
                .contains("edge_functions");
        assertThat(FlywaySchema.ofJdbcUrl("jdbc:postgresql://h/db?ssl=false&currentSchema=a%2Cpublic"))
                .contains("a");
    }

    @Test
    void hasNoneWithoutCurrentSchema() {
        assertThat(FlywaySchema.ofJdbcUrl("jdbc:postgresql://localhost:5432/postgres"))
                .isEmpty();
        assertThat(FlywaySchema.ofJdbcUrl("jdbc:postgresql://localhost/db?user=x"))
                .isEmpty();
        assertThat(FlywaySchema.ofJdbcUrl("jdbc:sqlite:x.db?currentSchema=y")).isEmpty();
    }

    @Test
    void refusesASchemaNameThatIsNotPlain() {
        assertThatThrownBy(() -> FlywaySchema.ofJdbcUrl("jdbc:postgresql://h/db?currentSchema=a%22b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain schema name");
    }
}
