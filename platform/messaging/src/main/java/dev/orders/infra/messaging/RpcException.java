package dev.orders.infra.messaging;

/**
 * A handled business error: answered as {@code {"err":{"status":"error","message":..,"code":..}}}, acknowledged, not
 * retried and not dead-lettered (the caller has its answer). The gateway maps {@code code} to an HTTP status.
 */
public class RpcException extends RuntimeException {

    private final String code;
    private final transient Object details;

    public RpcException(String code, String message) {
        this(code, message, null);
    }

    public RpcException(String code, String message, Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }
}
