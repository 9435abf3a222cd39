package dev.orders.webhooks.delivery.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.messaging.EventPattern;
import dev.orders.webhooks.subscription.EventTypes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlatformEventsTest {

    @Test
    void handlesExactlyTheEventTypesASubscriptionMayAskFor() {
        assertThat(Arrays.stream(PlatformEvents.class.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(EventPattern.class))
                        .flatMap(m -> Arrays.stream(
                                m.getAnnotation(EventPattern.class).value())))
                .containsExactlyInAnyOrderElementsOf(EventTypes.KNOWN);
    }
}
