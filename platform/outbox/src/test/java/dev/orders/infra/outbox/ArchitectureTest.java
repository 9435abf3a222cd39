package dev.orders.infra.outbox;

import dev.orders.infra.test.PlatformArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(OutboxAutoConfiguration.class);
    }
}
