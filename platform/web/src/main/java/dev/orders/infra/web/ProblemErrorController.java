package dev.orders.infra.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (by the servlet container) also answer as problem JSON, never as HTML. */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemType type = switch (status) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            case REQUEST_TIMEOUT -> ProblemType.REQUEST_TIMEOUT;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL;
        };
        ResponseEntity<Object> problem =
                ProblemHandling.problem(type, type.title() + ".", null, uri == null ? null : uri.toString(), null);
        return new ResponseEntity<>(problem.getBody(), problem.getHeaders(), status);
    }
}
