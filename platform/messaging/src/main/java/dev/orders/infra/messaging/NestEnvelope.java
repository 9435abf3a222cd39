package dev.orders.infra.messaging;

import dev.orders.infra.json.WireJson;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NestJS RMQ transport envelope (see {@code nestjs-rmq-wire.md}): requests {@code {pattern,data,id}}, events
 * {@code {pattern,data}}, replies {@code {response,isDisposed}} / {@code {err,isDisposed}}, and the one reply that
 * carries {@code id} and {@code status}, for a pattern nobody handles. Bodies are UTF-8 JSON whatever the content type.
 */
public final class NestEnvelope {

    public static final String NO_HANDLER_MESSAGE =
            "There is no matching message handler defined in the remote service.";
    public static final String INTERNAL_ERROR_MESSAGE = "Internal server error";

    private static final JsonMapper JSON = WireJson.mapper();

    private NestEnvelope() {}

    /** The longest envelope {@code id} accepted: NestJS sends 21 characters; AMQP's own short strings stop at 255. */
    static final int MAX_ID_LENGTH = 255;

    /**
     * Reads a packet, or throws {@link PoisonMessageException} saying what is wrong with it: not UTF-8, not JSON (or
     * beyond {@link WireJson#READ_LIMITS}), not an object, no usable pattern, an {@code id} that is not a short
     * string.
     */
    public static Incoming decode(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(utf8(body));
        } catch (JacksonException e) {
            throw new PoisonMessageException("body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PoisonMessageException("body is not a NestJS packet: expected a JSON object");
        }
        if (!root.has("pattern") && !root.has("data")) {
            throw new PoisonMessageException("body is not a NestJS packet: no pattern and no data");
        }
        JsonNode pattern = root.get("pattern");
        if (pattern == null || pattern.isNull()) {
            throw new PoisonMessageException("packet has no pattern");
        }
        if (!pattern.isString() && !pattern.isContainer() && !pattern.isNumber()) {
            throw new PoisonMessageException("pattern must be a string or an object, not " + kind(pattern));
        }
        String route = PatternRoutes.route(pattern);
        boolean request = root.has("id");
        JsonNode idNode = root.get("id");
        String id = idNode == null || idNode.isNull() ? null : id(idNode);
        JsonNode data = root.get("data");
        return new Incoming(route, data == null ? JSON.nullNode() : data, id, request);
    }

    private static String id(JsonNode node) {
        if (!node.isString()) {
            throw new PoisonMessageException("id must be a string, not " + kind(node));
        }
        String id = node.stringValue();
        if (id.length() > MAX_ID_LENGTH) {
            throw new PoisonMessageException("id must be at most " + MAX_ID_LENGTH + " characters, not " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new PoisonMessageException("id must not contain control characters (U+"
                        + String.format("%04X", (int) id.charAt(i)) + " at " + i + ")");
            }
        }
        return id;
    }

    /** How a JSON value is called in a reason: "an object", "an array", "a number"… */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case BINARY -> "binary";
            case NULL, MISSING -> "null";
        };
    }

    /**
     * The body as text, refusing bytes that are not UTF-8 (the decoder that {@code new String} uses would turn them
     * into U+FFFD silently). The usual body has no U+FFFD at all, so only one that has is checked strictly.
     */
    private static String utf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            ByteBuffer in = ByteBuffer.wrap(body);
            CoderResult result = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in, CharBuffer.allocate(body.length), true);
            if (result.isError()) {
                throw new PoisonMessageException("body is not UTF-8: malformed bytes at offset " + in.position());
            }
        }
        return text;
    }

    // Written straight from records (component order = key order) rather than through a tree: one pass.
    private record RequestPacket(JsonNode pattern, Object data, String id) {}

    private record EventPacket(JsonNode pattern, Object data) {}

    private record ReplyPacket(Object response, boolean isDisposed) {}

    private record ErrorBody(String status, String message, String code, Object details) {}

    private record ErrorPacket(ErrorBody err, boolean isDisposed) {}

    private record NoHandlerPacket(String id, String err, String status) {}

    /** {@code {"pattern":..,"data":..,"id":..}}, keys in NestJS's order. */
    public static byte[] request(String pattern, Object data, String id) {
        return JSON.writeValueAsBytes(new RequestPacket(patternNode(pattern), data, id));
    }

    /** {@code {"pattern":..,"data":..}}. */
    public static byte[] event(String pattern, Object data) {
        return JSON.writeValueAsBytes(new EventPacket(patternNode(pattern), data));
    }

    /** {@code {"response":..,"isDisposed":true}}, or {@code {"isDisposed":true}} for no value. */
    public static byte[] reply(Object response) {
        return JSON.writeValueAsBytes(new ReplyPacket(response, true));
    }

    /** {@code {"err":{"status":"error","message":..,[code],[details]},"isDisposed":true}}. */
    public static byte[] errorReply(String message, String code, Object details) {
        return JSON.writeValueAsBytes(new ErrorPacket(new ErrorBody("error", message, code, details), true));
    }

    /** The exact reply NestJS sends for a request whose pattern has no handler. */
    public static byte[] noHandlerReply(String id) {
        return JSON.writeValueAsBytes(new NoHandlerPacket(id, NO_HANDLER_MESSAGE, "error"));
    }

    /** A string pattern that is itself JSON (an object pattern) goes out as the object, like NestJS sends it. */
    private static JsonNode patternNode(String pattern) {
        String trimmed = pattern.trim();
        if (trimmed.startsWith("{")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JacksonException ignored) {
                // not JSON after all: send as a plain string
            }
        }
        return JSON.getNodeFactory().stringNode(pattern);
    }
}
