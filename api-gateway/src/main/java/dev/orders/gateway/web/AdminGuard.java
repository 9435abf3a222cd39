package dev.orders.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;

/** 401 without credentials, 403 with wrong ones; compared in constant time. */
public class AdminGuard implements HandlerInterceptor {

    private final byte[] key;
    // annotation lookups are not free; a handler's answer never changes
    private final java.util.Map<java.lang.reflect.Method, Boolean> adminMethods = new java.util.concurrent.ConcurrentHashMap<>();

    public AdminGuard(String adminApiKey) {
        if (adminApiKey == null || adminApiKey.isBlank()) {
            throw new IllegalArgumentException("ADMIN_API_KEY must not be empty");
        }
        this.key = adminApiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isAdmin(method)) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "This route needs Authorization: Bearer <ADMIN_API_KEY>.", List.of(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"admin\""));
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The admin API key is not valid.");
        }
        return true;
    }

    private boolean isAdmin(HandlerMethod method) {
        return adminMethods.computeIfAbsent(method.getMethod(), m -> method.hasMethodAnnotation(AdminOnly.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), AdminOnly.class));
    }
}
