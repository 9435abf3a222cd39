package dev.orders.infra.web;

import dev.orders.infra.observability.TraceHeaders;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem JSON, the request limits and the admin key for every servlet application here: a body size limit
 * ({@code platform.http.max-body-size}, which each service maps to its own variable), turns and a deadline for
 * request bodies ({@link BodyAdmissionFilter}), no form parsing, and {@code ADMIN_API_KEY} in front of
 * {@link AdminOnly} handlers and of every handler under {@code platform.admin-paths}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import({ProblemHandling.class, ProblemErrorController.class})
public class WebAutoConfiguration {

    /** Sizes first, by Content-Length, without taking a turn. */
    static final int BODY_SIZE_ORDER = Ordered.HIGHEST_PRECEDENCE;

    static final int ADMISSION_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(HttpLimits limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(limits.maxBodySize().toBytes(), json));
        registration.setOrder(BODY_SIZE_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyAdmissionFilter> bodyAdmission(HttpLimits limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new BodyAdmissionFilter(limits, json));
        registration.setOrder(ADMISSION_ORDER);
        return registration;
    }

    /** After Boot's observation filter (which opens the request's span), before everything that may answer. */
    @Bean
    FilterRegistrationBean<TraceparentResponseFilter> traceparentResponse(ObjectProvider<TraceHeaders> tracing) {
        var registration = new FilterRegistrationBean<>(new TraceparentResponseFilter(
                tracing.getIfAvailable(() -> TraceHeaders.NONE).tracer()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer adminGuard(
            @Value("${platform.admin-api-key}") String adminApiKey,
            @Value("${platform.admin-paths:}") List<String> adminPaths) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(AdminGuard.annotated(adminApiKey));
                if (!adminPaths.isEmpty()) {
                    registry.addInterceptor(AdminGuard.everything(adminApiKey)).addPathPatterns(adminPaths);
                }
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    @Import(TomcatRequestProblems.class)
    static class TomcatLimits {

        /** Errors Tomcat answers itself, before the application sees the request, as problem JSON too. */
        @Bean
        TomcatContextCustomizer problemReports() {
            return context ->
                    ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
        }

        /**
         * No API here takes a form, and Tomcat would read a form body itself, outside the body's deadline, the first
         * time anything asks for a request parameter.
         */
        @Bean
        TomcatConnectorCustomizer noFormBodies() {
            return connector -> connector.setParseBodyMethods("");
        }
    }
}
