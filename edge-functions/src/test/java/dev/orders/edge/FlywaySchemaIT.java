package dev.orders.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.persistence.FlywaySchema;
import dev.orders.infra.test.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fresh database: the schema the URL names does not exist yet, and the migrations create it. */
class FlywaySchemaIT {

    final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_created";

    @AfterEach
    void dropWhatThisTestCreated() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestInfra.postgresUrl(null), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void createsTheSchemaOfTheUrlAndItsTables() throws SQLException {
        TestInfra.requirePostgres();
        String url = TestInfra.postgresUrl(schema);
        FluentConfiguration flyway =
                Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration");
        FlywaySchema.useSchemaOf(url, flyway);

        flyway.load().migrate();

        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        assertThat(tables).contains("event_log", "recipients", "notifier_inbox", "deliveries", "flyway_schema_history");
    }
}
