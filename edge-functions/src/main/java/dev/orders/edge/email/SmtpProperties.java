package dev.orders.edge.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param host     {@code SMTP_HOST}; empty means every e-mail delivery is recorded SKIPPED
 * @param port     {@code SMTP_PORT}
 * @param username {@code SMTP_USERNAME}; empty means no authentication
 * @param password {@code SMTP_PASSWORD}
 * @param from     {@code SMTP_FROM}, the sender address
 * @param starttls {@code SMTP_STARTTLS}: require STARTTLS before authenticating and sending
 * @param timeout      connect, read and write timeout of each step
 * @param totalTimeout the whole send, connect to the server's last answer
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
