package dev.orders.edge.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheThreeCharactersTelegramNeedsEscaped() {
        assertThat(Html.escape("Tornillos <M8> & \"tuercas\"")).isEqualTo("Tornillos &lt;M8&gt; &amp; \"tuercas\"");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void turnsTheMarkupIntoSlackMrkdwnKeepingItsEscapes() {
        assertThat(Html.toSlackMrkdwn("<b>Tu orden</b>\nOrden: <code>a&amp;b</code> <i>x</i>"))
                .isEqualTo("*Tu orden*\nOrden: `a&amp;b` _x_");
    }

    @Test
    void turnsTheMarkupIntoPlainText() {
        assertThat(Html.toPlainText("<b>A &lt;b&gt;</b> &amp;lt; &amp;")).isEqualTo("A <b> &lt; &");
    }
}
