package dev.orders.webhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookPublisherApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookPublisherApplication.class, args);
    }
}
