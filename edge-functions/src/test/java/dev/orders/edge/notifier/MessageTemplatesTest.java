package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    static final String ORDER = "7d9f1a3e-2b4c-4d5e-8f60-1a2b3c4d5e6f";
    final MessageTemplates templates = new MessageTemplates(List.of("es", "en"), "es");

    static EventFacts order(String type, String reason, List<EventFacts.Line> lines) {
        return new EventFacts(type, ORDER, null, reason, null, lines, null, true);
    }

    @Test
    void saysInSpanishThatTheOrderIsConfirmedWithItsIdAndLines() {
        MessageTemplates.Rendered m = templates.render(
                order(
                        "order.confirmed",
                        null,
                        List.of(new EventFacts.Line("p-1", null, 2), new EventFacts.Line("p-2", "Tuerca", 1))),
                "es");

        assertThat(m.language()).isEqualTo("es");
        assertThat(m.subject()).isEqualTo("Tu orden ha sido confirmada");
        assertThat(m.html()).isEqualTo("""
                <b>Tu orden ha sido confirmada</b>
                Orden: <code>%s</code>
                \u2022 2 \u00d7 <code>p-1</code>
                \u2022 1 \u00d7 Tuerca""".formatted(ORDER));
    }

    @Test
    void saysItInEnglishForAnEnglishLocale() {
        MessageTemplates.Rendered m = templates.render(order("order.confirmed", null, List.of()), "en-GB");

        assertThat(m.language()).isEqualTo("en");
        assertThat(m.html()).isEqualTo("<b>Your order has been confirmed</b>\nOrder: <code>" + ORDER + "</code>");
    }

    @Test
    void fallsBackToTheDefaultLanguage() {
        assertThat(templates
                        .render(order("order.confirmed", null, List.of()), "fr")
                        .language())
                .isEqualTo("es");
        assertThat(templates
                        .render(order("order.confirmed", null, List.of()), null)
                        .language())
                .isEqualTo("es");
    }

    @Test
    void escapesProductNamesForTelegramHtml() {
        MessageTemplates.Rendered m = templates.render(
                order("order.confirmed", null, List.of(new EventFacts.Line("<p>", "Tornillos <M8> & \"tuercas\"", 3))),
                "es");

        assertThat(m.html())
                .contains("\u2022 3 \u00d7 Tornillos &lt;M8&gt; &amp; \"tuercas\"")
                .doesNotContain("<M8>")
                .doesNotContain("<p>");
    }

    @Test
    void givesTheReasonOfARejectionInTheRecipientsLanguage() {
        assertThat(templates
                        .render(order("order.rejected", "OUT_OF_STOCK", List.of()), "es")
                        .html())
                .contains("<b>Tu orden ha sido rechazada</b>")
                .contains("Motivo: no hay stock suficiente");
        assertThat(templates
                        .render(order("order.rejected", "OUT_OF_STOCK", List.of()), "en")
                        .html())
                .contains("<b>Your order has been rejected</b>")
                .contains("Reason: not enough stock");
        assertThat(templates
                        .render(order("order.rejected", "<odd> & reason", List.of()), "en")
                        .html())
                .contains("Reason: &lt;odd&gt; &amp; reason");
    }

    @Test
    void leavesOutTheLinesOfValuesAnEventDoesNotHave() {
        assertThat(templates
                        .render(order("order.cancelled", null, List.of()), "en")
                        .html())
                .isEqualTo("<b>Your order has been cancelled</b>\nOrder: <code>" + ORDER + "</code>");
        assertThat(templates
                        .render(order("order.cancelled", "EXPIRED", List.of()), "en")
                        .html())
                .endsWith("Reason: the order expired");
        assertThat(templates
                        .render(order("order.created", null, List.of()), "es")
                        .subject())
                .isEqualTo("Hemos recibido tu orden");
    }

    @Test
    void tellsAnApprovedReservationFromARefusedOne() {
        EventFacts approved = new EventFacts("product.stockReserved", ORDER, null, null, true, List.of(), null, false);
        EventFacts refused =
                new EventFacts("product.stockReserved", ORDER, null, "OUT_OF_STOCK", false, List.of(), null, false);

        assertThat(templates.render(approved, "en").subject()).isEqualTo("Stock reserved");
        assertThat(templates.render(refused, "es").html())
                .startsWith("<b>Stock no disponible</b>")
                .contains("Motivo: no hay stock suficiente");
    }

    @Test
    void namesAnEventItHasNoTemplateFor() {
        EventFacts other = new EventFacts("invoice.paid", null, null, null, null, List.of(), null, false);

        assertThat(templates.render(other, "en").html()).isEqualTo("<b>Event invoice.paid</b>");
        assertThat(templates.render(other, "en").subject()).isEqualTo("Event invoice.paid");
    }

    @Test
    void showsAtMostAHundredLines() {
        List<EventFacts.Line> lines = IntStream.range(0, 103)
                .mapToObj(i -> new EventFacts.Line("p-" + i, null, 1))
                .toList();

        String html =
                templates.render(order("order.confirmed", null, lines), "en").html();

        assertThat(html.lines().filter(l -> l.startsWith("\u2022"))).hasSize(100);
        assertThat(html).endsWith("\u2026 and 3 more products");
    }

    @Test
    void refusesADefaultLanguageWithoutTemplates() {
        assertThatThrownBy(() -> new MessageTemplates(List.of("es", "en"), "fr"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
