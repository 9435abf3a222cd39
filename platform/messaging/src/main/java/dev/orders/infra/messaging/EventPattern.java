package dev.orders.infra.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handler, like NestJS's {@code @EventPattern}: same parameters as {@link MessagePattern}, no reply; one
 * handler may take several patterns.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventPattern {
    String[] value();
}
