package dev.orders.infra.messaging;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
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

    /** {@code {"pattern":..,"data":..,"id":..}}, keys in NestJS's order. */
    public static byte[] request(String pattern, Object data, String id) {
        ObjectNode node = JSON.createObjectNode();
        node.set("pattern", patternNode(pattern));
        node.set("data", JSON.valueToTree(data));
        node.put("id", id);
        return bytes(node);
    }

    /** {@code {"pattern":..,"data":..}}. */
    public static byte[] event(String pattern, Object data) {
        ObjectNode node = JSON.createObjectNode();
        node.set("pattern", patternNode(pattern));
        node.set("data", JSON.valueToTree(data));
        return bytes(node);
    }

    /** {@code {"response":..,"isDisposed":true}}, or {@code {"isDisposed":true}} for no value. */
    public static byte[] reply(Object response) {
        ObjectNode node = JSON.createObjectNode();
        if (response != null) {
            node.set("response", JSON.valueToTree(response));
        }
        node.put("isDisposed", true);
        return bytes(node);
    }

    /** {@code {"err":{"status":"error","message":..,[code],[details]},"isDisposed":true}}. */
    public static byte[] errorReply(String message, String code, Object details) {
        ObjectNode err = JSON.createObjectNode();
        err.put("status", "error");
        err.put("message", message);
        if (code != null) {
            err.put("code", code);
        }
        if (details != null) {
            err.set("details", JSON.valueToTree(details));
        }
        ObjectNode node = JSON.createObjectNode();
        node.set("err", err);
        node.put("isDisposed", true);
        return bytes(node);
    }

    /** The exact reply NestJS sends for a request whose pattern has no handler. */
    public static byte[] noHandlerReply(String id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("err", NO_HANDLER_MESSAGE);
        node.put("status", "error");
        return bytes(node);
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

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
