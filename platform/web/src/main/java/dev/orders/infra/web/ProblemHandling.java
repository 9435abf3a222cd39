package dev.orders.infra.web;

import dev.orders.contracts.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of every HTTP API as {@code application/problem+json}: a stable {@code type}, the status, a readable
 * {@code detail}, the request path as {@code instance}, and {@code errors: [{field, message}]} for invalid input.
 * Nothing internal (no stack trace, no exception text) reaches the client on a 5xx.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    public static ResponseEntity<Object> problem(
            ProblemType type, String detail, List<Violation> violations, String instance, HttpHeaders headers) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(type.uri());
        body.setTitle(type.title());
        if (instance != null) {
            body.setInstance(URI.create(instance));
        }
        if (violations != null && !violations.isEmpty()) {
            body.setProperty("errors", violations);
        }
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, type.status());
    }

    /** For filters, which answer before Spring MVC: the same body {@link #problem} gives. */
    public static void write(
            HttpServletResponse response,
            JsonMapper json,
            ProblemType type,
            String detail,
            String instance,
            Map<String, String> headers)
            throws IOException {
        var problem = problem(type, detail, null, instance, null);
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        headers.forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), problem.getBody());
    }

    /** Whether {@code type} is anywhere in the cause chain of {@code e}. */
    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A body that was too large or too slow, seen wherever it surfaced (a message converter, or a controller that
     * reads the stream itself): the client's doing, never a 500.
     */
    private static ResponseEntity<Object> bodyProblem(Throwable e, String path) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return problem(ProblemType.PAYLOAD_TOO_LARGE, "The body is too large.", null, path, closing());
        }
        if (BodyAdmissionFilter.isTooSlow(e)) {
            return problem(ProblemType.REQUEST_TIMEOUT, BodyAdmissionFilter.TOO_SLOW, null, path, closing());
        }
        return null;
    }

    private static HttpHeaders closing() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONNECTION, "close");
        return headers;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return problem(e.type(), e.getMessage(), e.violations(), request.getRequestURI(), headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> onTypeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(
                ProblemType.VALIDATION,
                e.getName() + " has an invalid value",
                List.of(new Violation(e.getName(), "has an invalid value")),
                request.getRequestURI(),
                null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e, HttpServletRequest request) {
        ResponseEntity<Object> body = bodyProblem(e, request.getRequestURI());
        if (body != null) {
            return body;
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                ProblemType.INTERNAL,
                "Something went wrong on our side; it has been logged.",
                null,
                request.getRequestURI(),
                null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        String path =
                request instanceof ServletWebRequest swr ? swr.getRequest().getRequestURI() : null;
        ResponseEntity<Object> ofBody = bodyProblem(ex, path);
        if (ofBody != null) {
            return ofBody;
        }
        ProblemType type = switch (ex) {
            case HttpMessageNotReadableException ignored -> ProblemType.MALFORMED_REQUEST;
            case HttpMediaTypeNotSupportedException ignored -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case HttpMediaTypeNotAcceptableException ignored -> ProblemType.NOT_ACCEPTABLE;
            case HttpRequestMethodNotSupportedException ignored -> ProblemType.METHOD_NOT_ALLOWED;
            case NoResourceFoundException ignored -> ProblemType.NOT_FOUND;
            case MissingServletRequestParameterException ignored -> ProblemType.VALIDATION;
            case MissingRequestHeaderException ignored -> ProblemType.VALIDATION;
            default -> statusCode.is4xxClientError() ? ProblemType.VALIDATION : ProblemType.INTERNAL;
        };
        String detail = switch (ex) {
            case HttpMessageNotReadableException e
            when e.getMostSpecificCause() instanceof StreamConstraintsException limit ->
                "The body is beyond this API's JSON limits: " + limit.getOriginalMessage();
            case HttpMessageNotReadableException ignored -> "The body is not valid JSON.";
            case HttpMediaTypeNotSupportedException e ->
                "Content-Type " + e.getContentType() + " is not supported; send application/json.";
            case HttpRequestMethodNotSupportedException e -> e.getMethod() + " is not supported here.";
            case NoResourceFoundException ignored -> "There is nothing at " + path + ".";
            case MissingServletRequestParameterException e -> e.getParameterName() + " is required.";
            default ->
                type == ProblemType.INTERNAL
                        ? "Something went wrong on our side."
                        : ex instanceof org.springframework.web.ErrorResponse er
                                        && er.getBody().getDetail() != null
                                ? er.getBody().getDetail()
                                : type.title();
        };
        List<Violation> violations = switch (ex) {
            case MissingServletRequestParameterException e ->
                List.of(new Violation(e.getParameterName(), "is required"));
            case MissingRequestHeaderException e -> List.of(new Violation(e.getHeaderName(), "is required"));
            default -> List.of();
        };
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        if (type == ProblemType.INTERNAL) {
            log.error("Unhandled error on {}", path, ex);
        }
        ResponseEntity<Object> response = problem(type, detail, violations, path, out);
        return new ResponseEntity<>(response.getBody(), response.getHeaders(), statusCode);
    }
}
