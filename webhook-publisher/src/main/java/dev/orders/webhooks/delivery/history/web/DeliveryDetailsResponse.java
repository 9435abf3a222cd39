package dev.orders.webhooks.delivery.history.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.orders.infra.json.WireJson;
import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.history.DeliveryHistory;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One delivery as a listing shows it, with every attempt (as stored) and the body it sends. */
record DeliveryDetailsResponse(
        @JsonUnwrapped DeliveryResponse delivery,
        JsonNode payload,
        @JsonIgnoreProperties("deliveryId") List<Attempt> attempts) {

    static DeliveryDetailsResponse of(DeliveryHistory.Details details) {
        JsonNode payload = details.payload() == null ? null : WireJson.mapper().readTree(details.payload());
        return new DeliveryDetailsResponse(DeliveryResponse.of(details.delivery()), payload, details.attempts());
    }
}
