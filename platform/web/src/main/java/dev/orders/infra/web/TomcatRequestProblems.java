package dev.orders.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A query string Tomcat cannot decode ({@code ?limit=%}, {@code ?status=%zz}) fails only when a handler first asks
 * for a parameter, as Tomcat's own exception: the client's fault, a 400. Ahead of {@link ProblemHandling}, whose
 * catch-all would call it a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TomcatRequestProblems {

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> onUndecodableQuery(InvalidParameterException e, HttpServletRequest request) {
        return ProblemHandling.problem(
                ProblemType.BAD_REQUEST,
                "The query string could not be read: malformed percent-encoding, or too many parameters.",
                null,
                request.getRequestURI(),
                null);
    }
}
