package dev.orders.webhooks.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Operator exceptions to {@link AddressRules}: host names (exact, or {@code *.example.internal} for a whole domain)
 * and CIDRs or single addresses. An allowed host name skips the address rules entirely, because the operator has
 * vouched for that name; an allowed CIDR permits just the addresses inside it.
 */
public final class Allowlist {

    private final List<String> hosts;
    private final List<String> domainSuffixes;
    private final List<Cidr> networks;

    private Allowlist(List<String> hosts, List<String> domainSuffixes, List<Cidr> networks) {
        this.hosts = List.copyOf(hosts);
        this.domainSuffixes = List.copyOf(domainSuffixes);
        this.networks = List.copyOf(networks);
    }

    public static Allowlist none() {
        return new Allowlist(List.of(), List.of(), List.of());
    }

    /** Entries as in {@code WEBHOOK_URL_ALLOWLIST}; a malformed entry is an error, never silently ignored. */
    public static Allowlist parse(List<String> entries) {
        List<String> hosts = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<Cidr> networks = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || Cidr.numeric(entry) != null) {
                networks.add(Cidr.parse(entry));
            } else if (entry.startsWith("*.") && isHostName(entry.substring(2))) {
                suffixes.add(entry.substring(1));
            } else if (isHostName(entry)) {
                hosts.add(entry);
            } else {
                throw new IllegalArgumentException("WEBHOOK_URL_ALLOWLIST entry is neither a host name nor a CIDR: "
                        + raw);
            }
        }
        return new Allowlist(hosts, suffixes, networks);
    }

    private static boolean isHostName(String s) {
        return s.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");
    }

    public boolean permitsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (hosts.contains(h)) {
            return true;
        }
        for (String suffix : domainSuffixes) {
            if (h.endsWith(suffix) && h.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    public boolean permitsAddress(InetAddress address) {
        return networks.stream().anyMatch(n -> n.contains(address));
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(hosts);
        domainSuffixes.forEach(s -> all.add("*" + s));
        networks.forEach(n -> all.add(n.toString()));
        return String.join(",", all);
    }
}
