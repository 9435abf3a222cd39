package dev.orders.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import dev.orders.edge.logger.LoggerProperties;
import dev.orders.edge.notifier.NotifierProperties;

/** Says so at startup when a published development secret is in use, without printing any secret. */
@Component
class DevelopmentDefaults {

    static final String LOGGER_SECRET = "whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=";
    static final String NOTIFIER_SECRET = "whsec_ZWRnZS1ub3RpZmllci1ERVYtT05MWS1zZWNyZXQtMDE=";
    static final String ADMIN_API_KEY = "dev-admin-key";

    private static final Logger log = LoggerFactory.getLogger(DevelopmentDefaults.class);

    private final EdgeProperties edge;
    private final LoggerProperties logger;
    private final NotifierProperties notifier;

    DevelopmentDefaults(EdgeProperties edge, LoggerProperties logger, NotifierProperties notifier) {
        this.edge = edge;
        this.logger = logger;
        this.notifier = notifier;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        if (LOGGER_SECRET.equals(logger.webhookSecret())) {
            log.warn("LOGGER_WEBHOOK_SECRET is the published development default; set your own outside development.");
        }
        if (NOTIFIER_SECRET.equals(notifier.webhookSecret())) {
            log.warn("NOTIFIER_WEBHOOK_SECRET is the published development default; set your own outside development.");
        }
        if (ADMIN_API_KEY.equals(edge.adminApiKey())) {
            log.warn("ADMIN_API_KEY is the development default; set your own outside development.");
        }
    }
}
