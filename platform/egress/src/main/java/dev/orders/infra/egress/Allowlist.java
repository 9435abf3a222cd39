package dev.orders.infra.egress;

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

    private final String variable;
    private final List<String> hosts;
    private final List<String> domainSuffixes;
    private final List<Cidr> networks;

    private Allowlist(String variable, List<String> hosts, List<String> domainSuffixes, List<Cidr> networks) {
        this.variable = variable;
        this.hosts = List.copyOf(hosts);
        this.domainSuffixes = List.copyOf(domainSuffixes);
        this.networks = List.copyOf(networks);
    }

    /** @param variable the environment variable that would list exceptions, named in refusals */
    public static Allowlist none(String variable) {
        return new Allowlist(variable, List.of(), List.of(), List.of());
    }

    /**
     * @param variable the environment variable the entries come from ({@code WEBHOOK_URL_ALLOWLIST}), named in
     *                 errors and refusals
     * @param entries  host names and CIDRs; a malformed entry is an error, never silently ignored
     */
    public static Allowlist parse(String variable, List<String> entries) {
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
                throw new IllegalArgumentException(variable + " entry is neither a host name nor a CIDR: " + raw);
            }
        }
        return new Allowlist(variable, hosts, suffixes, networks);
    }

    private static boolean isHostName(String s) {
        return s.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");
    }

    /** The environment variable that lists these exceptions. */
    public String variable() {
        return variable;
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
