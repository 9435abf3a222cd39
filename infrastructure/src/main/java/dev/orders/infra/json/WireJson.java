package dev.orders.infra.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for everything that crosses a process boundary. Strict about scalars (no "2" for 2, no 2.5 for 2,
 * no null for an int), lenient about unknown fields (a newer peer may add some), silent about nulls on output, and
 * exact with decimals.
 */
public final class WireJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private WireJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 1.50 stays 1.50 when a tree passes data through (a double would make it 1.5)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL));
    }
}
