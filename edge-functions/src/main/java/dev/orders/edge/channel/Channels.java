package dev.orders.edge.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every channel this build has, by name. */
public final class Channels {

    private final Map<String, Channel> byName = new TreeMap<>();

    public Channels(List<Channel> channels) {
        for (Channel channel : channels) {
            if (byName.put(channel.name().toUpperCase(Locale.ROOT), channel) != null) {
                throw new IllegalStateException("Two channels are named " + channel.name());
            }
        }
    }

    public Optional<Channel> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
