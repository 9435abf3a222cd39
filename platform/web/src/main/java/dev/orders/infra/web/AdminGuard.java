package dev.orders.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@link AdminOnly} handlers with the {@link AdminKey} check; or, built with {@link #everything}, every
 * handler it is registered for (with path patterns).
 */
public final class AdminGuard implements HandlerInterceptor {

    private final AdminKey key;
    private final boolean everything;
    // annotation lookups are not free and a handler's answer never changes
    private final Map<Method, Boolean> admin = new ConcurrentHashMap<>();

    private AdminGuard(AdminKey key, boolean everything) {
        this.key = key;
        this.everything = everything;
    }

    public static AdminGuard annotated(String adminApiKey) {
        return new AdminGuard(new AdminKey(adminApiKey), false);
    }

    public static AdminGuard everything(String adminApiKey) {
        return new AdminGuard(new AdminKey(adminApiKey), true);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (everything || (handler instanceof HandlerMethod method && isAdmin(method))) {
            key.check(request.getHeader("Authorization"));
        }
        return true;
    }

    private boolean isAdmin(HandlerMethod method) {
        return admin.computeIfAbsent(
                method.getMethod(),
                m -> method.hasMethodAnnotation(AdminOnly.class)
                        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), AdminOnly.class));
    }
}
