package dev.orders.infra.messaging;

import dev.orders.infra.json.WireJson;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects {@link MessagePattern} and {@link EventPattern} methods from every bean, keyed by canonical route, the way
 * NestJS's server does. One handler per route and kind; a second registration is a startup error.
 */
public class HandlerRegistry implements BeanPostProcessor {

    private final Map<String, Handler> requests = new ConcurrentHashMap<>();
    private final Map<String, Handler> events = new ConcurrentHashMap<>();

    /** A bound handler method. */
    public record Handler(String route, Object bean, Method method, JavaType payloadType, boolean wantsContext) {

        Object invoke(JsonNode data, MessageContext context, JsonMapper json) throws Exception {
            Object payload = bind(data, json);
            try {
                return wantsContext ? method.invoke(bean, payload, context) : method.invoke(bean, payload);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /**
         * The payload as the handler's parameter type. Whatever does not fit is the sender's mistake and can never
         * be handled: a {@link PoisonMessageException} whose reason names the field, never a failure to retry.
         */
        Object bind(JsonNode data, JsonMapper json) {
            Class<?> raw = payloadType.getRawClass();
            if (JsonNode.class.isAssignableFrom(raw)) {
                return data;
            }
            if (data == null || data.isNull() || data.isMissingNode()) {
                throw new PoisonMessageException("data is missing");
            }
            if (raw.isRecord() && !data.isObject()) {
                throw new PoisonMessageException("data must be a JSON object, not " + NestEnvelope.kind(data));
            }
            Object payload;
            try {
                payload = json.treeToValue(data, payloadType);
            } catch (JacksonException e) {
                throw new PoisonMessageException(describe(e), e);
            }
            if (payload == null) {
                throw new PoisonMessageException("data is missing");
            }
            return payload;
        }

        private String describe(JacksonException e) {
            String field = fieldPath(e);
            String problem = e.getOriginalMessage();
            int newline = problem == null ? -1 : problem.indexOf('\n');
            problem = newline < 0 ? problem : problem.substring(0, newline);
            return (field.isEmpty() ? "data" : "data." + field) + " does not match "
                    + payloadType.getRawClass().getSimpleName() + ": " + problem;
        }
    }

    /** {@code items[0].quantity} from the reference chain of a binding error; empty at the top. */
    static String fieldPath(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, MessagePattern> messageMethods =
                MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<MessagePattern>)
                        m -> AnnotatedElementUtils.findMergedAnnotation(m, MessagePattern.class));
        messageMethods.forEach((m, a) -> add(requests, a.value(), bean, m));
        Map<Method, EventPattern> eventMethods =
                MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<EventPattern>)
                        m -> AnnotatedElementUtils.findMergedAnnotation(m, EventPattern.class));
        eventMethods.forEach((m, a) -> {
            for (String pattern : a.value()) {
                add(events, pattern, bean, m);
            }
        });
        return bean;
    }

    private void add(Map<String, Handler> target, String pattern, Object bean, Method method) {
        Class<?>[] params = method.getParameterTypes();
        boolean ok = params.length == 1 || (params.length == 2 && params[1] == MessageContext.class);
        if (!ok) {
            throw new IllegalStateException("Handler " + method + " must take (Payload) or (Payload, MessageContext)");
        }
        method.setAccessible(true);
        String route = PatternRoutes.fromString(pattern);
        JavaType payloadType = WireJson.mapper().constructType(method.getGenericParameterTypes()[0]);
        Handler previous = target.putIfAbsent(route, new Handler(route, bean, method, payloadType, params.length == 2));
        if (previous != null) {
            throw new IllegalStateException(
                    "Two handlers for pattern " + route + ": " + previous.method() + " and " + method);
        }
    }

    public Handler request(String route) {
        return requests.get(route);
    }

    public Handler event(String route) {
        return events.get(route);
    }

    public Set<String> eventRoutes() {
        return Set.copyOf(events.keySet());
    }

    public boolean isEmpty() {
        return requests.isEmpty() && events.isEmpty();
    }
}
