package dev.orders.webhooks.egress;

import dev.orders.infra.egress.Allowlist;
import dev.orders.infra.egress.DestinationPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    DestinationPolicy destinationPolicy(EgressProperties properties) {
        return new DestinationPolicy(Allowlist.parse("WEBHOOK_URL_ALLOWLIST", properties.allowlist()));
    }
}
