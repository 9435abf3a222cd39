package dev.orders.infra.persistence;

import org.junit.jupiter.api.Test;
import dev.orders.infra.test.PlatformArchitecture;

class ArchitectureTest {

    @Test
    void knowsNoServiceAndNoWebCodeKnowsMessaging() {
        PlatformArchitecture.check(PersistenceAutoConfiguration.class);
    }
}
