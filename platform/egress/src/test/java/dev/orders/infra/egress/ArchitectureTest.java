package dev.orders.infra.egress;

import org.junit.jupiter.api.Test;
import dev.orders.infra.test.PlatformArchitecture;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(BoundedHttpClient.class);
    }
}
