package dev.orders.webhooks.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param apiKey bearer token of the whole admin API under {@code /webhooks} (the gateway forwards it) */
@ConfigurationProperties("webhooks.admin")
public record AdminProperties(@DefaultValue("dev-admin-key") String apiKey) {

    public AdminProperties {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("ADMIN_API_KEY must not be empty");
        }
    }

    @Override
    public String toString() {
        return "AdminProperties[apiKey=***]";
    }
}
