package dev.orders.infra.web;

import org.junit.jupiter.api.Test;
import dev.orders.infra.test.PlatformArchitecture;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(WebAutoConfiguration.class);
    }
}
