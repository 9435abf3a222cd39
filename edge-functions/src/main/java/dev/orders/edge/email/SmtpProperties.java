package dev.orders.edge.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mail channel's settings ({@code SMTP_*}, documented in docs/edge-functions.md). No host means every e-mail
 * delivery is recorded SKIPPED; {@code timeout} bounds each step, {@code totalTimeout} the whole send.
 */
@ConfigurationProperties("edge.smtp")
public record SmtpProperties(
        @DefaultValue("") String host,
        @DefaultValue("25") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("orders@localhost") String from,
        @DefaultValue("false") boolean starttls,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("30s") Duration totalTimeout) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "<empty>" : "<set>") + ", from=" + from
                + ", starttls=" + starttls + ", timeout=" + timeout + ", totalTimeout=" + totalTimeout + "]";
    }

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
