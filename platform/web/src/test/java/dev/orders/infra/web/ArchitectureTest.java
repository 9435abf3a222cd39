package dev.orders.infra.web;

import dev.orders.infra.test.PlatformArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(WebAutoConfiguration.class);
    }
}
