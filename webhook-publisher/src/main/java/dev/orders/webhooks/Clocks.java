package dev.orders.webhooks;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class Clocks {

    /**
     * One clock for schedules, leases and history. Microseconds, as PostgreSQL stores them, so a time in an answer
     * reads the same as when it is read back later.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
