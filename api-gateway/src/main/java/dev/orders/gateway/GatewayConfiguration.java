package dev.orders.gateway;

import dev.orders.infra.messaging.RpcClient;
import dev.orders.infra.observability.TraceHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    private final GatewayProperties properties;

    GatewayConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    @Bean
    RpcClient rpcClient(ConnectionFactory connectionFactory, TraceHeaders tracing) {
        return new RpcClient(connectionFactory, properties.rpcTimeout(), tracing);
    }

    /** {"quantity": 1, "quantity": 5} is an error, not a silent last-one-wins. */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Numbers with a fraction or an exponent are read exactly, as BigDecimal: {@code "price": 1e400} is a number out of
     * range (400), not an infinite double that no decimal can hold (500), and {@code 1e-400} is not silently 0.
     */
    @Bean
    JsonMapperBuilderCustomizer exactDecimals() {
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("Orders platform API").version("1").description("""
                                Place orders and follow them to CONFIRMED or REJECTED; browse products. \
                                Errors are application/problem+json (RFC 9457). Every route but the catalogue, \
                                health and these docs needs `Authorization: Bearer <credential>`: a JWT access \
                                token from the configured issuer or an API key. Scopes: orders.read, \
                                orders.write, orders.notify (the order's customer may be messaged), admin \
                                (products, stock, webhooks, every caller's orders). A caller sees only the \
                                orders it placed; another caller's order is 404."""))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A JWT access token, or an API key")));
    }
}
