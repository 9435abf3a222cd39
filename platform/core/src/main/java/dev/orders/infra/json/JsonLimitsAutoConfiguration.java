package dev.orders.infra.json;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's JSON mapper (the one that reads HTTP request bodies) reads within {@link #HTTP_READ_LIMITS}. Jackson
 * keeps read limits in the factory a mapper builder is made from, which a {@link JsonMapperBuilderCustomizer}
 * cannot replace, so this supplies the builder itself, as Spring Boot's own would be, and then applies every
 * customizer (Spring Boot's {@code spring.jackson.*} settings included).
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
public class JsonLimitsAutoConfiguration {

    /** The wire limits, with a document length that suits a request body. */
    public static final StreamReadConstraints HTTP_READ_LIMITS =
            WireJson.READ_LIMITS.rebuild().maxDocumentLength(1024 * 1024).build();

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(WireJson.factory(HTTP_READ_LIMITS));
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
