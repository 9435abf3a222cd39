package dev.orders.infra.messaging;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Address;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import dev.orders.infra.json.WireJson;

/**
 * NestJS-style {@code send(pattern, data)} over RabbitMQ direct reply-to: the envelope {@code id} is also the AMQP
 * {@code correlationId}, as a NestJS client sends it. Blocks the calling thread (callers run on virtual threads) for
 * at most the timeout.
 */
public class RpcClient {

    private final RabbitTemplate template;
    private final String expiration;

    public RpcClient(ConnectionFactory connectionFactory, Duration timeout) {
        // a request nobody picked up before the caller gave up expires in the queue instead of being acted on late
        this.expiration = Long.toString(timeout.toMillis());
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setUserCorrelationId(true);
        this.template.setReplyTimeout(timeout.toMillis());
        this.template.setMandatory(true);
    }

    public <T> T send(String queue, String pattern, Object data, Class<T> responseType) {
        return send(queue, pattern, data, WireJson.mapper().constructType(responseType));
    }

    @SuppressWarnings("unchecked")
    public <T> T send(String queue, String pattern, Object data, JavaType responseType) {
        JsonNode response = sendRaw(queue, pattern, data);
        if (response == null || response.isNull()) {
            return null;
        }
        try {
            return (T) WireJson.mapper().treeToValue(response, responseType);
        } catch (JacksonException e) {
            throw new RpcFailure("reply from " + pattern + " does not match " + responseType + ": "
                    + e.getOriginalMessage());
        }
    }

    /** The {@code response} of the reply, or throws {@link RpcErrorReply}, {@link RpcTimeout}, {@link RpcFailure}. */
    public JsonNode sendRaw(String queue, String pattern, Object data) {
        String id = newRequestId();
        Message request = MessageBuilder.withBody(NestEnvelope.request(pattern, data, id))
                .setCorrelationId(id)
                .setReplyTo(Address.AMQ_RABBITMQ_REPLY_TO)
                .setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT)
                .setExpiration(expiration)
                .build();
        Message reply;
        try {
            reply = template.sendAndReceive("", queue, request);
        } catch (AmqpException e) {
            throw new RpcFailure("cannot reach " + queue + ": " + e.getMessage(), e);
        }
        if (reply == null) {
            throw new RpcTimeout(pattern);
        }
        JsonNode body;
        try {
            body = WireJson.mapper().readTree(reply.getBody());
        } catch (JacksonException e) {
            throw new RpcFailure("reply to " + pattern + " is not JSON");
        }
        JsonNode err = body.get("err");
        if (err != null && !err.isNull()) {
            throw new RpcErrorReply(err);
        }
        return body.get("response");
    }

    /** 21 lowercase hex characters, like NestJS's request ids. */
    static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 21);
    }

    public static class RpcFailure extends RuntimeException {
        public RpcFailure(String message) {
            super(message);
        }

        public RpcFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static class RpcTimeout extends RpcFailure {
        public RpcTimeout(String pattern) {
            super("no reply to " + pattern + " in time");
        }
    }

    /** The remote handler answered with {@code err}; {@link #code()} is our error code when it set one. */
    public static class RpcErrorReply extends RpcFailure {
        private final JsonNode err;

        public RpcErrorReply(JsonNode err) {
            super(err.isObject() && err.has("message") ? err.get("message").asString() : err.asString());
            this.err = err;
        }

        public String code() {
            return err.isObject() && err.has("code") ? err.get("code").asString() : null;
        }

        public JsonNode err() {
            return err;
        }
    }
}
