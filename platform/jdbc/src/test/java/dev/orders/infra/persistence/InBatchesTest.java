package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InBatchesTest {

    /** A table of {@code rows} rows that records the limit of each delete. */
    private static final class Table {
        int rows;
        final List<Integer> asked = new ArrayList<>();

        Table(int rows) {
            this.rows = rows;
        }

        int delete(int limit) {
            asked.add(limit);
            int n = Math.min(limit, rows);
            rows -= n;
            return n;
        }
    }

    @Test
    void deletesBatchAfterBatchUntilOneComesUpShort() {
        Table table = new Table(7);

        assertThat(InBatches.deleteAll(3, table::delete)).isEqualTo(7);

        assertThat(table.rows).isZero();
        assertThat(table.asked).containsExactly(3, 3, 3);
    }

    @Test
    void asksOnceMoreWhenTheLastBatchWasExactlyFull() {
        Table table = new Table(6);

        assertThat(InBatches.deleteAll(3, table::delete)).isEqualTo(6);

        assertThat(table.asked).containsExactly(3, 3, 3);
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> InBatches.deleteAll(0, limit -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
