package dev.orders.infra.messaging;

import org.junit.jupiter.api.Test;
import dev.orders.infra.test.PlatformArchitecture;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(MessagingAutoConfiguration.class);
    }
}
