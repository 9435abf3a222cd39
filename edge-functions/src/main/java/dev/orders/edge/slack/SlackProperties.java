package dev.orders.edge.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each Slack recipient's address is its own incoming-webhook URL, so only the timeout is global.
 *
 * @param timeout connect and answer timeout of one POST
 */
@ConfigurationProperties("edge.slack")
public record SlackProperties(@DefaultValue("10s") Duration timeout) {
}
