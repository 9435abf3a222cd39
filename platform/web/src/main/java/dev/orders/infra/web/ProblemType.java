package dev.orders.infra.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types of every HTTP API here (RFC 9457 {@code type}). Each is a relative URI under
 * {@code /problems/}; the gateway serves a short description at that path. Clients switch on {@code type}, never on
 * {@code title} or {@code detail}.
 */
public enum ProblemType {
    VALIDATION("validation-error", HttpStatus.BAD_REQUEST, "Your request is not valid"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request body could not be read"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "The request could not be read"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Cannot produce an acceptable response"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "The request conflicts with the current state"),
    REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "The request did not arrive in time"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Idempotency-Key reused with a different request"),
    BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE, "Too many requests at once"),
    UPSTREAM_ERROR("upstream-error", HttpStatus.BAD_GATEWAY, "A service behind the gateway failed"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "A service is unavailable"),
    UPSTREAM_TIMEOUT("upstream-timeout", HttpStatus.GATEWAY_TIMEOUT, "A service did not answer in time"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
