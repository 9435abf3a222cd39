package dev.orders.webhooks.egress;

import dev.orders.infra.egress.AddressRules;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowlist host names ({@code localhost}, {@code *.internal.example}) and CIDRs ({@code 10.0.0.0/8},
 *                  {@code 127.0.0.1/32}) that subscriber URLs may reach although {@link AddressRules} refuses them
 */
@ConfigurationProperties("webhooks.egress")
public record EgressProperties(@DefaultValue List<String> allowlist) {}
