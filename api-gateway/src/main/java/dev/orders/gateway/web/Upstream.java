package dev.orders.gateway.web;

import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.Page;
import dev.orders.contracts.Violation;
import dev.orders.gateway.GatewayProperties;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.messaging.RpcClient;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Calls a service over RabbitMQ and turns what can go wrong into the right problem. A bulkhead bounds the requests
 * in flight: when the services fall behind, the gateway answers 503 at once instead of piling up waiting requests
 * until it runs out of memory (requests run on virtual threads, which nothing else bounds).
 */
@Component
public class Upstream {

    private final RpcClient rpc;
    private final Semaphore inFlight;

    Upstream(RpcClient rpc, GatewayProperties properties) {
        this.rpc = rpc;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    public <T> T call(String queue, String pattern, Object data, Class<T> type) {
        return call(queue, pattern, data, WireJson.mapper().constructType(type));
    }

    /**
     * The reply's {@code response} as JSON, handed to the client as it is: the gateway does not need to bind what it
     * only passes on.
     */
    public JsonNode relay(String queue, String pattern, Object data) {
        return guard(() -> rpc.sendRaw(queue, pattern, data));
    }

    /** A page of {@code item}s, as the listing patterns answer. */
    public <V> Page<V> page(String queue, String pattern, Object data, Class<V> item) {
        return call(queue, pattern, data, WireJson.mapper().getTypeFactory().constructParametricType(Page.class, item));
    }

    public <T> T call(String queue, String pattern, Object data, JavaType type) {
        return guard(() -> rpc.send(queue, pattern, data, type));
    }

    private <T> T guard(Supplier<T> call) {
        boolean admitted;
        try {
            admitted = inFlight.tryAcquire(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "Too many requests in flight; retry shortly.",
                    List.of(),
                    Map.of("Retry-After", "1"));
        }
        try {
            return call.get();
        } catch (RpcClient.RpcErrorReply e) {
            throw toProblem(e);
        } catch (RpcClient.RpcTimeout e) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_TIMEOUT,
                    "The service did not answer in time. If you sent an Idempotency-Key, retrying is safe.");
        } catch (RpcClient.RpcFailure e) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "The service cannot be reached right now; retry later.",
                    List.of(),
                    Map.of("Retry-After", "5"));
        } finally {
            inFlight.release();
        }
    }

    private static ProblemException toProblem(RpcClient.RpcErrorReply e) {
        String code = e.code();
        if (code == null) {
            return new ProblemException(ProblemType.UPSTREAM_ERROR, "The service failed to handle the request.");
        }
        return switch (code) {
            case ErrorCodes.NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, e.getMessage());
            case ErrorCodes.CONFLICT -> new ProblemException(ProblemType.CONFLICT, e.getMessage());
            case ErrorCodes.IDEMPOTENCY_KEY_REUSED ->
                new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage());
            case ErrorCodes.VALIDATION_FAILED ->
                ProblemException.invalid(violations(e.err().get("details")));
            default -> new ProblemException(ProblemType.UPSTREAM_ERROR, "The service failed to handle the request.");
        };
    }

    private static List<Violation> violations(JsonNode details) {
        List<Violation> out = new ArrayList<>();
        if (details != null && details.isArray()) {
            for (JsonNode v : details) {
                out.add(new Violation(
                        v.path("field").asString(""), v.path("message").asString("")));
            }
        }
        if (out.isEmpty()) {
            out.add(new Violation("", "is not valid"));
        }
        return out;
    }
}
