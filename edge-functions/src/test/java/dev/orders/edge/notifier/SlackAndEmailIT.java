package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.EdgeClient.Answer;
import dev.orders.edge.support.Mail;
import dev.orders.edge.support.SlackReceiver;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackAndEmailIT extends EdgeFunctionsTestBase {

    static final String RECIPIENTS = "/functions/v1/notifier/recipients";

    private static List<MimeMessage> mailsTo(String address) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : Mail.SERVER.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private String subscribe(String channel, String address, String types, String locale) {
        Answer created = client().admin("POST", RECIPIENTS, """
                {"channel":"%s","address":"%s","eventTypes":%s,"locale":"%s"}""".formatted(channel, address, types, locale));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void postsToASlackIncomingWebhookInMrkdwn() {
        String hook = "T" + UUID.randomUUID() + "/B1/x";
        String id = subscribe("SLACK", SLACK.url(hook), "[\"order.confirmed\"]", "en");
        try {
            String orderId = newOrderId();
            sendToNotifier(
                    "order.confirmed",
                    order(orderId, "CONFIRMED", List.of(namedLine(newOrderId(), "Tornillos <M8> & tuercas", 2)), null));

            JsonNode delivery = finalDeliveryOf(orderId);
            assertThat(delivery.get("status").asString()).isEqualTo("SENT");
            List<SlackReceiver.Post> posts = SLACK.postsTo(hook);
            assertThat(posts).hasSize(1);
            assertThat(posts.getFirst().contentType()).startsWith("application/json");
            assertThat(posts.getFirst().json().get("text").asString())
                    .isEqualTo("*Your order has been confirmed*\nOrder: `" + orderId
                            + "`\n\u2022 2 \u00d7 Tornillos &lt;M8&gt; " + "&amp; tuercas");
        } finally {
            client().admin("DELETE", RECIPIENTS + "/" + id, null);
        }
    }

    @Test
    void aRevokedSlackWebhookDeactivatesItsRecipient() {
        String hook = "T" + UUID.randomUUID() + "/B2/y";
        SLACK.answer(hook, 404);
        String id = subscribe("SLACK", SLACK.url(hook), "[\"order.confirmed\"]", "en");
        try {
            String orderId = newOrderId();
            sendToNotifier("order.confirmed", order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), null));

            JsonNode delivery = finalDeliveryOf(orderId);
            assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
            assertThat(delivery.get("lastError").asString()).isEqualTo("Slack 404: no_service; recipient deactivated");
            assertThat(client().admin("GET", RECIPIENTS + "/" + id, null)
                            .json()
                            .get("active")
                            .asBoolean())
                    .isFalse();
        } finally {
            client().admin("DELETE", RECIPIENTS + "/" + id, null);
        }
    }

    @Test
    void emailsTheCustomerAPlainAndAnHtmlVersion() throws Exception {
        String address = "ana+" + UUID.randomUUID() + "@example.test";
        String orderId = newOrderId();
        Map<String, Object> customer = Map.of("name", "Ana", "email", address, "locale", "en");

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(namedLine(newOrderId(), "Tornillos <M8> & tuercas", 2)), customer));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(delivery.get("providerMessageId").asString()).startsWith("<").endsWith(">");
        MimeMessage mail = await().atMost(WAIT)
                .until(() -> mailsTo(address), l -> l.size() == 1)
                .getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your order has been confirmed");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("orders@example.test");
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        String plain = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(plain)
                .contains("Your order has been confirmed")
                .contains(orderId)
                .contains("\u2022 2 \u00d7 Tornillos <M8> & tuercas");
        assertThat(html)
                .contains("<b>Your order has been confirmed</b>")
                .contains("Tornillos &lt;M8&gt; &amp; tuercas")
                .doesNotContain("<M8>");
    }
}
