package dev.orders.edge;

import dev.orders.edge.logger.EventLogRetention;
import dev.orders.edge.notifier.NotifierRetention;
import dev.orders.infra.Retention;
import dev.orders.infra.Upkeep;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the functions' retention every {@code EDGE_RETENTION_INTERVAL}, each on a timer thread of its own. */
@Configuration(proxyBeanMethods = false)
class EdgeUpkeep {

    @Bean
    Upkeep edgeRetention(EventLogRetention eventLog, NotifierRetention notifier, EdgeProperties properties) {
        return Retention.upkeep("edge-retention", properties.retentionInterval(), List.of(eventLog, notifier));
    }
}
