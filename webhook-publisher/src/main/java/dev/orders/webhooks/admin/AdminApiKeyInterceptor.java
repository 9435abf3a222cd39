package dev.orders.webhooks.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;

/**
 * The publisher checks the admin key itself rather than trusting that every caller came through the gateway:
 * 401 without a bearer token, 403 with a wrong one, compared in constant time.
 */
class AdminApiKeyInterceptor implements HandlerInterceptor {

    private final byte[] key;

    AdminApiKeyInterceptor(String apiKey) {
        this.key = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "The webhook admin API needs Authorization: Bearer <ADMIN_API_KEY>.", List.of(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"admin\""));
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The admin API key is not valid.");
        }
        return true;
    }
}
