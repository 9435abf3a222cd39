package dev.orders.infra.web;

import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers as problem JSON. A request Tomcat cannot read (a malformed request line or header, bad
 * percent-encoding in the path, a header too large, conflicting Content-Length and Transfer-Encoding, an unknown
 * HTTP version) never reaches the application, and Tomcat would answer it with an HTML page; this valve answers
 * instead. Such a request is the client's fault, so the 501 (unknown transfer coding) and 505 (unknown HTTP
 * version) Tomcat would give become 400: a 5xx says the server failed.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        ProblemType type = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 408 -> ProblemType.REQUEST_TIMEOUT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 501, 505 -> ProblemType.BAD_REQUEST;
            default -> status < 500 ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL;
        };
        String detail = switch (status) {
            case 501 -> "The Transfer-Encoding is not supported; send chunked or a Content-Length.";
            case 505 -> "The HTTP version is not supported; send HTTP/1.1.";
            case 400 ->
                "The request could not be read: its request line, a header or the URL is malformed, " + "or too large.";
            default -> type.title() + ".";
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        try {
            response.setStatus(type.status().value());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(WireJson.mapper().writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed meanwhile: nothing more can be said
        }
    }
}
