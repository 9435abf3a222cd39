package dev.orders.orders;

import dev.orders.orders.order.OrderExpiry;
import dev.orders.orders.order.OrderSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** The service's own wiring: its settings and the expiry sweep's timer. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OrderSettings.class)
class OrdersConfiguration {

    /** The first sweep one interval after start, then one interval after each sweep ends (never overlapping). */
    @Bean
    SchedulingConfigurer expirySweep(OrderExpiry expiry, OrderSettings settings) {
        Duration every = settings.expirySweepInterval();
        return tasks -> tasks.addFixedDelayTask(new FixedDelayTask(expiry::sweep, every, every));
    }
}
