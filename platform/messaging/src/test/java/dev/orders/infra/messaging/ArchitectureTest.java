package dev.orders.infra.messaging;

import dev.orders.infra.test.PlatformArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(MessagingAutoConfiguration.class);
    }
}
