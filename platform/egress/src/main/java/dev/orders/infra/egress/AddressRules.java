package dev.orders.infra.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a request to an address someone gave us must never reach unless allow-listed: anything that is not the public internet, where a
 * request from inside our network could hit our own services (loopback, private, link-local, unique-local,
 * carrier-grade NAT) or a cloud provider's metadata endpoint, plus multicast, unspecified and reserved ranges.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class AddressRules {

    private record Rule(Cidr cidr, String reason) {}

    private static final List<Rule> RULES = List.of(
            // exact metadata endpoints first, so the reason names them
            rule("169.254.169.254/32", "a cloud metadata address"),
            rule("168.63.129.16/32", "a cloud metadata address"),
            rule("100.100.100.200/32", "a cloud metadata address"),
            rule("192.0.0.192/32", "a cloud metadata address"),
            rule("fd00:ec2::254/128", "a cloud metadata address"),
            rule("0.0.0.0/8", "an unspecified address"),
            rule("10.0.0.0/8", "a private address"),
            rule("100.64.0.0/10", "a carrier-grade NAT address"),
            rule("127.0.0.0/8", "a loopback address"),
            rule("169.254.0.0/16", "a link-local address"),
            rule("172.16.0.0/12", "a private address"),
            rule("192.0.0.0/24", "a reserved address"),
            rule("192.0.2.0/24", "a documentation address"),
            rule("192.168.0.0/16", "a private address"),
            rule("198.18.0.0/15", "a benchmarking address"),
            rule("198.51.100.0/24", "a documentation address"),
            rule("203.0.113.0/24", "a documentation address"),
            rule("224.0.0.0/4", "a multicast address"),
            rule("240.0.0.0/4", "a reserved address"),
            rule("::/128", "an unspecified address"),
            rule("::1/128", "a loopback address"),
            rule("64:ff9b:1::/48", "a reserved address"),
            rule("100::/64", "a reserved address"),
            rule("2001::/32", "a Teredo tunnel address"),
            rule("2001:db8::/32", "a documentation address"),
            rule("fc00::/7", "a unique-local address"),
            rule("fe80::/10", "a link-local address"),
            rule("fec0::/10", "a site-local address"),
            rule("ff00::/8", "a multicast address"));

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    // Java parses ::ffff:a.b.c.d as the IPv4 address itself, so this prefix is spelled out in bytes
    private static final Cidr IPV4_MAPPED = Cidr.of(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96, "::ffff:0:0/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressRules() {}

    private static Rule rule(String cidr, String reason) {
        return new Rule(Cidr.parse(cidr), reason);
    }

    /** Why {@code address} is refused, e.g. "a private address"; empty when it is a public address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Rule rule : RULES) {
            if (rule.cidr().contains(bytes)) {
                return Optional.of(rule.reason());
            }
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                for (Rule rule : RULES) {
                    if (rule.cidr().contains(embedded)) {
                        return Optional.of(rule.reason() + " (embedded in an IPv6 address)");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] embeddedIpv4(byte[] v6) {
        if (IPV4_MAPPED.contains(v6) || IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }
}
