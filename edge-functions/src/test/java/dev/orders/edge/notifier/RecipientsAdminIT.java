package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.EdgeClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RecipientsAdminIT extends EdgeFunctionsTestBase {

    static final String RECIPIENTS = "/functions/v1/notifier/recipients";

    @Test
    void createsReadsReplacesAndDeletesARecipient() {
        long chat = newChatId();
        Answer created = client().admin("POST", RECIPIENTS, """
                {"channel":"telegram","address":" %d ","name":"Ops","eventTypes":["order.*"],"locale":"es"}""".formatted(chat));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode r = created.json();
        String id = r.get("id").asString();
        assertThat(r.get("kind").asString()).isEqualTo("SUBSCRIBER");
        assertThat(r.get("channel").asString()).isEqualTo("TELEGRAM");
        assertThat(r.get("address").asString()).isEqualTo(String.valueOf(chat));
        assertThat(r.get("active").asBoolean()).isTrue();
        assertThat(client().admin("GET", RECIPIENTS + "/" + id, null)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Ops");

        Answer replaced = client().admin("PUT", RECIPIENTS + "/" + id, """
                {"channel":"TELEGRAM","address":"%d","eventTypes":["order.confirmed","product.stockReserved"],
                 "locale":"en","active":false}""".formatted(chat));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode stored = client().admin("GET", RECIPIENTS + "/" + id, null).json();
        assertThat(stored.get("eventTypes").size()).isEqualTo(2);
        assertThat(stored.get("eventTypes").get(1).asString()).isEqualTo("product.stockReserved");
        assertThat(stored.get("locale").asString()).isEqualTo("en");
        assertThat(stored.get("active").asBoolean()).isFalse();
        assertThat(client().admin("GET", RECIPIENTS + "?channel=TELEGRAM&active=false&address=" + chat, null)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);

        assertThat(client().admin("DELETE", RECIPIENTS + "/" + id, null).status())
                .isEqualTo(204);
        assertThat(client().admin("GET", RECIPIENTS + "/" + id, null).status()).isEqualTo(404);
        assertThat(client().admin("DELETE", RECIPIENTS + "/" + id, null).status())
                .isEqualTo(404);
    }

    @Test
    void refusesTheSameSubscriberTwice() {
        String body = """
                {"channel":"TELEGRAM","address":"%d","eventTypes":["*"]}""".formatted(newChatId());
        Answer first = client().admin("POST", RECIPIENTS, body);
        Answer second = client().admin("POST", RECIPIENTS, body);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).isEqualTo("/problems/conflict");
        client().admin("DELETE", RECIPIENTS + "/" + first.json().get("id").asString(), null);
    }

    @Test
    void namesEveryInvalidField() {
        Answer answer = client().admin("POST", RECIPIENTS, """
                {"channel":"TELEGRAM","address":"@not-a-chat-id","eventTypes":["order.*","*.created"],
                 "locale":"spanish please"}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsString("field"))
                .containsExactly("address", "eventTypes[1]", "locale");
    }

    @Test
    void checksEachChannelsAddresses() {
        Answer unknown = client().admin("POST", RECIPIENTS, """
                {"channel":"PIGEON","address":"roof","eventTypes":["*"]}""");
        Answer email = client().admin("POST", RECIPIENTS, """
                {"channel":"EMAIL","address":"not an address","eventTypes":["*"]}""");
        Answer slack = client().admin("POST", RECIPIENTS, """
                {"channel":"SLACK","address":"ftp://hooks.slack.com/x","eventTypes":["*"]}""");
        Answer noTypes = client().admin("POST", RECIPIENTS, """
                {"channel":"EMAIL","address":"ops@example.test"}""");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("message").asString())
                .contains("EMAIL")
                .contains("SLACK")
                .contains("TELEGRAM");
        assertThat(email.json().get("errors").findValuesAsString("field")).containsExactly("address");
        assertThat(slack.json().get("errors").findValuesAsString("field")).containsExactly("address");
        assertThat(noTypes.json().get("errors").findValuesAsString("field")).containsExactly("eventTypes");
    }

    @Test
    void refusesASlackUrlThatPointsIntoOurOwnNetwork() {
        for (String url : new String[] {
            "http://169.254.169.254/latest/meta-data",
            "http://10.1.2.3/services/x",
            "http://[::1]:8080/services/x",
            "https://user:pw@hooks.slack.com/services/x"
        }) {
            Answer answer = client().admin(
                            "POST",
                            RECIPIENTS,
                            "{\"channel\":\"SLACK\",\"address\":\"" + url + "\",\"eventTypes\":[\"*\"]}");

            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.json().get("errors").findValuesAsString("field"))
                    .as(url)
                    .containsExactly("address");
        }
        Answer metadata = client().admin("POST", RECIPIENTS, """
                {"channel":"SLACK","address":"http://169.254.169.254/latest","eventTypes":["*"]}""");
        assertThat(metadata.json().get("errors").get(0).get("message").asString())
                .contains("metadata")
                .contains("SLACK_URL_ALLOWLIST");
    }

    @Test
    void refusesControlCharactersThatNoStoredValueCanHold() {
        Answer name = client().admin("POST", RECIPIENTS, """
                {"channel":"EMAIL","address":"ops@example.test","eventTypes":["*"],"name":"ops\\u0000"}""");
        Answer filter = client().admin("GET", RECIPIENTS + "?address=a%00b", null);
        Answer events = client().admin("GET", "/functions/v1/logger/events?type=order%00created", null);

        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("errors").findValuesAsString("field")).containsExactly("name");
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.json().get("errors").findValuesAsString("field")).containsExactly("address");
        assertThat(events.status()).isEqualTo(400);
        assertThat(events.json().get("errors").findValuesAsString("field")).containsExactly("type");
    }

    @Test
    void everyRouteNeedsTheAdminKey() {
        assertThat(client().admin("GET", RECIPIENTS, null, null).status()).isEqualTo(401);
        assertThat(client().admin("POST", RECIPIENTS, "{}", "wrong").status()).isEqualTo(403);
        assertThat(client().admin("GET", "/functions/v1/notifier/deliveries", null, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void answersAnUnknownOrMalformedIdWithAProblem() {
        assertThat(client().admin("GET", RECIPIENTS + "/0190f3a8-0000-7000-8000-000000000000", null)
                        .status())
                .isEqualTo(404);
        assertThat(client().admin("GET", RECIPIENTS + "/nope", null).status()).isEqualTo(400);
        assertThat(client().admin("POST", RECIPIENTS, "{\"channel\": 5,", null).status())
                .isEqualTo(401);
        assertThat(client().admin("POST", RECIPIENTS, "{\"channel\": ").status())
                .isEqualTo(400);
    }
}
