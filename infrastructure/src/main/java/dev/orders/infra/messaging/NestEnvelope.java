package dev.orders.infra.messaging;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.orders.infra.json.WireJson;

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

    private NestEnvelope() {
    }

    public static Incoming decode(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
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
        String route = PatternRoutes.route(pattern);
        boolean request = root.has("id");
        JsonNode idNode = root.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.asString();
        JsonNode data = root.get("data");
        return new Incoming(route, data == null ? JSON.nullNode() : data, id, request);
    }

    // Written straight from records (component order = key order) rather than through a tree: one pass.
    private record RequestPacket(JsonNode pattern, Object data, String id) {
    }

    private record EventPacket(JsonNode pattern, Object data) {
    }

    private record ReplyPacket(Object response, boolean isDisposed) {
    }

    private record ErrorBody(String status, String message, String code, Object details) {
    }

    private record ErrorPacket(ErrorBody err, boolean isDisposed) {
    }

    private record NoHandlerPacket(String id, String err, String status) {
    }

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
