package dev.orders.edge.slack;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each Slack recipient's address is its own incoming-webhook URL, which an admin types in: it passes the same
 * address rules as webhook subscriptions (no private, loopback, link-local or metadata addresses).
 *
 * @param timeout      the whole POST, connect to last byte read
 * @param urlAllowlist host names and CIDRs ({@code SLACK_URL_ALLOWLIST}) that Slack URLs may reach although the
 *                     address rules refuse them, e.g. a local stand-in in tests
 */
@ConfigurationProperties("edge.slack")
public record SlackProperties(@DefaultValue("10s") Duration timeout, @DefaultValue List<String> urlAllowlist) {
}
