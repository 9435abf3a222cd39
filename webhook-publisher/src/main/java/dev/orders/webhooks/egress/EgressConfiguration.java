package dev.orders.webhooks.egress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    DestinationPolicy destinationPolicy(EgressProperties properties) {
        return new DestinationPolicy(Allowlist.parse(properties.allowlist()));
    }
}
