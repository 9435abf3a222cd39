package dev.orders.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import dev.orders.infra.web.AdminGuard;
import dev.orders.infra.messaging.RpcClient;
import dev.orders.infra.web.BodySizeLimitFilter;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration implements WebMvcConfigurer {

    private final GatewayProperties properties;

    GatewayConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    @Bean
    RpcClient rpcClient(ConnectionFactory connectionFactory) {
        return new RpcClient(connectionFactory, properties.rpcTimeout());
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(AdminGuard.annotated(properties.adminApiKey()));
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("Orders platform API").version("1")
                        .description("""
                                Place orders and follow them to CONFIRMED or REJECTED; browse products. \
                                Errors are application/problem+json (RFC 9457). Admin routes need \
                                `Authorization: Bearer <ADMIN_API_KEY>`."""))
                .components(new Components().addSecuritySchemes("admin",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
