package dev.orders.products.product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code products.*} settings; application.yml names their environment variables. */
@ConfigurationProperties("products")
public record ProductSettings(
        // load the demo catalogue when the table is empty at start
        @DefaultValue("true") boolean demoCatalogue) {}
