package dev.orders.edge.notifier;

import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Channels;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

    /** Every {@link Channel} bean: a new channel class is picked up here without a line changing. */
    @Bean
    Channels channels(List<Channel> all) {
        return new Channels(all);
    }

    @Bean
    MessageTemplates messageTemplates(NotifierProperties properties) {
        return new MessageTemplates(properties.languages(), properties.defaultLocale());
    }
}
