package dev.orders.infra.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orders.infra.web.ProblemHandling;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Spring's JSON mapper, the one that reads request bodies, reads within the limits and keeps every customizer. */
class JsonLimitsAutoConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JsonLimitsAutoConfiguration.class, JacksonAutoConfiguration.class))
            .withBean(
                    JsonMapperBuilderCustomizer.class,
                    () -> builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION));

    @RestController
    static class Echo {
        @PostMapping("/echo")
        JsonNode echo(@RequestBody JsonNode body) {
            return body;
        }
    }

    @Test
    void theHttpMapperReadsWithinTheLimitsAndKeepsItsCustomizers() {
        context.run(app -> {
            JsonMapper json = app.getBean(JsonMapper.class);
            assertThat(json.readTree("[".repeat(64) + "]".repeat(64)).isArray()).isTrue();
            assertThatThrownBy(() -> json.readTree("[".repeat(65) + "]".repeat(65)))
                    .isInstanceOf(StreamConstraintsException.class);
            byte[] overOneMegabyte = ("[" + "\"twenty characters..\",".repeat(50_000) + "0]")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> json.readTree(new java.io.ByteArrayInputStream(overOneMegabyte)))
                    .isInstanceOf(StreamConstraintsException.class)
                    .hasMessageContaining("Document length");
            assertThatThrownBy(() -> json.readTree("{\"a\":1,\"a\":2}"))
                    .hasMessageContaining("Duplicate Object property");
        });
    }

    @Test
    void aBodyBeyondTheLimitsIsAProblemThatSaysWhichLimit() {
        context.run(app -> {
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo())
                    .setControllerAdvice(new ProblemHandling())
                    .setMessageConverters(new JacksonJsonHttpMessageConverter(app.getBean(JsonMapper.class)))
                    .build();
            mvc.perform(post("/echo")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail")
                            .value(org.hamcrest.Matchers.allOf(
                                    org.hamcrest.Matchers.startsWith("The body is beyond this API's JSON limits: "),
                                    org.hamcrest.Matchers.containsString("nesting depth"))));
        });
    }
}
