package dev.orders.orders.idempotency;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    RedisIdempotency redisIdempotency(StringRedisTemplate redis, IdempotencyProperties properties) {
        return new RedisIdempotency(redis, properties);
    }
}
