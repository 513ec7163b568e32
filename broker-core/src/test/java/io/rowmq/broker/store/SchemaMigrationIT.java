package io.rowmq.broker.store;

import io.rowmq.broker.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SchemaMigrationIT {

    @Test
    void migratesTheAdminSchemaOnceAndIsIdempotent() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            try (Database first = Database.open(db.jdbcUrl(), db.user(), db.password(), 2, 5000)) {
                assertThat(first.dataSource()).isNotNull();
            }
            try (Database second = Database.open(db.jdbcUrl(), db.user(), db.password(), 2, 5000);
                 Connection c = db.connect();
                 ResultSet tables = c.createStatement().executeQuery(
                         "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1")) {
                List<String> names = new ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString(1).toLowerCase());
                }
                assertThat(names).containsExactly("broker_user", "claim", "consumer_group", "consumer_offset",
                        "data_node", "dead_letter", "delivery_attempt", "producer", "schema_version", "skipped_message",
                        "topic", "topic_queue", "tx", "tx_ack", "tx_send");
                ResultSet nodes = c.createStatement().executeQuery("SELECT COUNT(*) FROM data_node");
                nodes.next();
                assertThat(nodes.getInt(1)).isEqualTo(1);
            }
        }
    }
}
