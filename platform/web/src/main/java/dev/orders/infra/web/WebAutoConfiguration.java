package dev.orders.infra.web;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem JSON and the request limits for every servlet application here: a body size limit (unless the service
 * registers its own), turns and a deadline for request bodies ({@link BodyAdmissionFilter}), and no form parsing.
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
    @ConditionalOnMissingBean(value = BodySizeLimitFilter.class, parameterizedContainer = FilterRegistrationBean.class)
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    @Import(TomcatRequestProblems.class)
    static class TomcatLimits {

        /** Errors Tomcat answers itself, before the application sees the request, as problem JSON too. */
        @Bean
        TomcatContextCustomizer problemReports() {
            return context -> ((StandardHost) context.getParent())
                    .setErrorReportValveClass(ProblemReportValve.class.getName());
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
