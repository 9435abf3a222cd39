package dev.orders.infra.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring Boot test on its own share of the local servers ({@link TestInfra}): a RabbitMQ virtual host, a database
 * (a PostgreSQL schema or an SQLite file) and a Redis key prefix, made once per run for {@link #value()}, and set as
 * {@code spring.rabbitmq.virtual-host}, {@code spring.datasource.url} and {@code REDIS_KEY_PREFIX}. The test reads
 * them with {@link Isolation#of(Class)}; properties of its own stay in its {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface IsolatedInfra {

    /** Names the virtual host, schema, file and prefix of this run: tests with the same name share them. */
    String value();

    boolean rabbitmq() default true;

    Database database() default Database.NONE;

    boolean redis() default false;

    enum Database {
        NONE,
        SQLITE,
        POSTGRES,
        /** PostgreSQL when the build runs with {@code -Dit.db=postgres}, else SQLite: the service ITs run on both. */
        CHOSEN_BY_BUILD
    }
}
