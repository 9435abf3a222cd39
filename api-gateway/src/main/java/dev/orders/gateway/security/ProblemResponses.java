package dev.orders.gateway.security;

import dev.orders.infra.web.ProblemHandling;
import dev.orders.infra.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and 503 of the security filters as problem JSON, like every other error: 401 with
 * {@code WWW-Authenticate: Bearer …} (RFC 6750, written by Spring's entry point), 403 naming the scope the route
 * needs, 503 when the identity provider's keys cannot be fetched. No credential is ever echoed.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The identity provider could not be asked (its keys or metadata are out of reach): not the caller's fault. */
    static final class IdentityProviderUnavailable extends AuthenticationException {
        IdentityProviderUnavailable(Throwable cause) {
            super("The identity provider cannot be reached", cause);
        }
    }

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof IdentityProviderUnavailable) {
            write(
                    request,
                    response,
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "The identity provider's keys cannot be fetched right now; retry shortly.",
                    Map.of(HttpHeaders.RETRY_AFTER, "5"));
            return;
        }
        bearer.commence(request, response, failure);
        String detail;
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String why = oauth.getError().getDescription();
            detail = "The bearer credential is not valid" + (why == null || why.isBlank() ? "." : ": " + why);
        } else {
            detail = "This route needs Authorization: Bearer <access token or API key>.";
        }
        write(request, response, ProblemType.UNAUTHORIZED, detail, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String needed = null;
        if (denied instanceof AuthorizationDeniedException d
                && d.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            needed = decision.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .map(a -> a.startsWith(Scopes.AUTHORITY_PREFIX) ? a.substring(Scopes.AUTHORITY_PREFIX.length()) : a)
                    .collect(Collectors.joining(" "));
        }
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\"" + (needed == null ? "" : ", scope=\"" + needed + "\""));
        write(
                request,
                response,
                ProblemType.FORBIDDEN,
                needed == null
                        ? "Your credential does not allow this request."
                        : "This request needs the scope " + needed + ", which your credential does not have.",
                Map.of());
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ProblemType type,
            String detail,
            Map<String, String> headers)
            throws IOException {
        ProblemHandling.write(response, json, type, detail, request.getRequestURI(), headers);
    }
}
