package dev.orders.gateway;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param rpcTimeout         longest wait for a service's reply before answering 504
 * @param ordersServiceUrl   base URL of orders-service, for {@code /health}
 * @param productsServiceUrl base URL of products-service, for {@code /health}
 * @param maxInFlight        requests waiting for a service at once; beyond that, 503 at once
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        Duration rpcTimeout,
        String ordersQueue,
        String productsQueue,
        URI ordersServiceUrl,
        URI productsServiceUrl,

        @org.springframework.boot.context.properties.bind.DefaultValue("256")
        int maxInFlight) {}
