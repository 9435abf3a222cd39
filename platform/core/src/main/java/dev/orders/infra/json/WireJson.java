package dev.orders.infra.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON mapper for everything that crosses a process boundary. Strict about scalars (no "2" for 2, no 2.5 for 2,
 * no 2 or true for "2", no null for an int, no enum by index), lenient about unknown fields (a newer peer may add
 * some), silent about nulls on output, and exact with decimals. It reads within {@link #READ_LIMITS}, so a hostile
 * document fails at the parser instead of growing a tree that exhausts the heap.
 */
public final class WireJson {

    /** The largest document the wire mapper reads; {@code MESSAGE_MAX_BYTES} may not be set above it. */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    /**
     * Far above anything the platform sends (an order of 100 lines is about 700 tokens, a page of 100 such orders
     * about 64,000, and nothing nests deeper than 6), and small enough that a tree read at the limit costs a few
     * megabytes: the token count, not the byte count, is what a tree's size follows.
     */
    public static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_DOCUMENT_BYTES)
            .maxTokenCount(100_000)
            .maxNestingDepth(64)
            .maxStringLength(1_000_000)
            .maxNameLength(1_000)
            .maxNumberLength(100)
            .build();

    private static final JsonMapper MAPPER =
            configure(JsonMapper.builder(factory())).build();

    private WireJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A JSON factory that reads within {@code limits}. */
    public static JsonFactory factory(StreamReadConstraints limits) {
        return JsonFactory.builder().streamReadConstraints(limits).build();
    }

    static JsonFactory factory() {
        return factory(READ_LIMITS);
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // a number or a boolean where text belongs is a sender's mistake, not a value to stringify
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // 1.50 stays 1.50 when a tree passes data through (a double would make it 1.5)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL));
    }
}
