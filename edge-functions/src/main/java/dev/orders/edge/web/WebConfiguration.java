package dev.orders.edge.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;
import dev.orders.edge.EdgeProperties;
import dev.orders.infra.web.AdminGuard;
import dev.orders.infra.web.BodySizeLimitFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final EdgeProperties properties;

    WebConfiguration(EdgeProperties properties) {
        this.properties = properties;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(AdminGuard.annotated(properties.adminApiKey()));
    }
}
