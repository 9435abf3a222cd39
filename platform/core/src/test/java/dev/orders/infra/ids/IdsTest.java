package dev.orders.infra.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void makesVersion7IdsThatSortByCreation() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newId());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        UUID uuid = UUID.fromString(ids.getFirst());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        long millis = uuid.getMostSignificantBits() >>> 16;
        assertThat(millis).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void theLowestIdOfAnInstantSortsAboveEveryEarlierIdAndBelowEveryLaterOne() {
        String before = Ids.newId();
        // the millisecond after the one in the id (which may be ahead of the clock after a burst of ids)
        Instant between = Instant.ofEpochMilli((UUID.fromString(before).getMostSignificantBits() >>> 16) + 1);
        awaitClock(between);
        String bound = Ids.lowestAt(between);
        String after = Ids.newId();

        assertThat(before).isLessThan(bound);
        assertThat(after).isGreaterThanOrEqualTo(bound);
        assertThat(UUID.fromString(before)).isLessThan(UUID.fromString(bound));
        assertThat(UUID.fromString(bound).version()).isEqualTo(7);
        assertThat(UUID.fromString(bound).getMostSignificantBits() >>> 16).isEqualTo(between.toEpochMilli());
    }

    private static void awaitClock(Instant instant) {
        while (System.currentTimeMillis() < instant.toEpochMilli()) {
            Thread.onSpinWait();
        }
    }
}
