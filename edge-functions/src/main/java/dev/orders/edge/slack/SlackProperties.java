package dev.orders.edge.slack;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each Slack recipient's address is its own incoming-webhook URL, which an admin types in: it passes the same
 * address rules as webhook subscriptions. {@code urlAllowlist} ({@code SLACK_URL_ALLOWLIST}) lets a host the rules
 * refuse through, e.g. a local stand-in in tests; {@code timeout} bounds the whole POST.
 */
@ConfigurationProperties("edge.slack")
public record SlackProperties(
        @DefaultValue("10s") Duration timeout, @DefaultValue List<String> urlAllowlist) {}
