package dev.orders.infra.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request handler, like NestJS's {@code @MessagePattern}. The method takes the payload record (bound from
 * {@code data} with the strict wire mapper) and optionally a {@link MessageContext}; its return value is the reply's
 * {@code response} ({@code void} or {@code null} gives {@code {"isDisposed":true}} alone). The pattern may be a
 * plain string or a JSON object written as text.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MessagePattern {
    String value();
}
