package dev.orders.infra;

import dev.orders.infra.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** What every service has once: who this instance is, and the clock it reads. */
@AutoConfiguration
public class CoreAutoConfiguration {

    /** {@code INSTANCE_ID}, else {@code <application>-<pid>-<random>}: names outbox and delivery leases. */
    @Bean
    @ConditionalOnMissingBean
    InstanceId instanceId(
            @Value("${platform.instance-id:}") String configured,
            @Value("${spring.application.name:app}") String application) {
        return new InstanceId(
                configured.isBlank()
                        ? application + "-" + ProcessHandle.current().pid() + "-"
                                + Ids.newId().substring(24)
                        : configured);
    }

    /**
     * UTC in microseconds, as PostgreSQL stores time, so an instant in an answer reads the same when it is read back
     * from the database later.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
