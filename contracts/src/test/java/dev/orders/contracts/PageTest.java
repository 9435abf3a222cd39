package dev.orders.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void anExtraRowMeansANextPageWhoseCursorIsTheLastRowShown() {
        Page<String> page = Page.ofOneExtra(List.of("a", "b", "c"), 2, s -> "id-" + s, String::toUpperCase);

        assertThat(page.items()).containsExactly("A", "B");
        assertThat(page.nextCursor()).isEqualTo("id-b");
    }

    @Test
    void noExtraRowMeansTheLastPage() {
        Page<String> page = Page.ofOneExtra(List.of("a", "b"), 2, s -> "id-" + s);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.nextCursor()).isNull();
    }
}
