package dev.orders.infra.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A fake DNS: names map to fixed answers, so no test depends on the network. */
    static DestinationPolicy.Resolver dns(Map<String, List<String>> answers) {
        return host -> {
            List<String> found = answers.get(host);
            if (found == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return new InetAddress[] {ip(host)};
                }
                throw new UnknownHostException(host);
            }
            return found.stream().map(DestinationPolicyTest::ip).toArray(InetAddress[]::new);
        };
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.1.1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "ff02::1",
                "100.64.0.1",
                "100.100.100.200",
                "168.63.129.16",
                "192.0.0.192",
                "240.0.0.1",
                "255.255.255.255",
                "::ffff:10.0.0.1",
                "::ffff:127.0.0.1",
                "64:ff9b::a00:1",
                "2002:a00:1::1",
                "::10.0.0.1",
                "fd00:ec2::254",
                "198.18.0.1"
            })
    void refusesAddressesOutsideThePublicInternet(String address) {
        assertThat(AddressRules.refusal(ip(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "1.1.1.1",
                "172.32.0.1",
                "100.128.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "64:ff9b::808:808"
            })
    void acceptsPublicAddresses(String address) {
        assertThat(AddressRules.refusal(ip(address))).isEmpty();
    }

    @Test
    void namesTheReason() {
        assertThat(AddressRules.refusal(ip("169.254.169.254"))).contains("a cloud metadata address");
        assertThat(AddressRules.refusal(ip("10.0.0.1"))).contains("a private address");
        assertThat(AddressRules.refusal(ip("::1"))).contains("a loopback address");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsRefused() {
        DestinationPolicy policy = new DestinationPolicy(
                Allowlist.none("WEBHOOK_URL_ALLOWLIST"),
                dns(Map.of("hooks.example.com", List.of("93.184.215.14", "10.0.0.7"))));

        assertThatThrownBy(() -> policy.resolve("hooks.example.com"))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("resolves to 10.0.0.7, a private address");
    }

    @Test
    void aHostThatTurnsPrivateLaterIsRefusedAtThatMoment() throws Exception {
        var answers =
                new java.util.HashMap<String, List<String>>(Map.of("hooks.example.com", List.of("93.184.215.14")));
        DestinationPolicy policy = new DestinationPolicy(Allowlist.none("WEBHOOK_URL_ALLOWLIST"), dns(answers));

        assertThat(policy.resolve("hooks.example.com")).containsExactly(ip("93.184.215.14"));
        answers.put("hooks.example.com", List.of("169.254.169.254"));
        assertThatThrownBy(() -> policy.resolve("hooks.example.com"))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("metadata");
    }

    @Test
    void theAllowlistPermitsNamedHostsAndAddressesInsideItsCidrsOnly() throws Exception {
        DestinationPolicy policy = new DestinationPolicy(
                Allowlist.parse(
                        "WEBHOOK_URL_ALLOWLIST",
                        List.of("localhost", " 127.0.0.1/32", "10.20.0.0/16", "*.svc.internal", "fd00::/8")),
                dns(Map.of(
                        "localhost",
                        List.of("127.0.0.1", "::1"),
                        "logger.svc.internal",
                        List.of("10.99.0.1"),
                        "evil.example.com",
                        List.of("127.0.0.2"))));

        assertThat(policy.resolve("localhost")).hasSize(2);
        assertThat(policy.resolve("logger.svc.internal")).hasSize(1);
        assertThat(policy.resolve("127.0.0.1")).hasSize(1);
        assertThat(policy.resolve("10.20.3.4")).hasSize(1);
        assertThat(policy.resolve("[fd00::5]")).hasSize(1);
        assertThatThrownBy(() -> policy.resolve("127.0.0.2")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> policy.resolve("10.21.0.1")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> policy.resolve("evil.example.com")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> policy.resolve("svc.internal")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void aMalformedAllowlistEntryIsAStartupErrorNotSilentlyIgnored() {
        assertThatThrownBy(() -> Allowlist.parse("WEBHOOK_URL_ALLOWLIST", List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allowlist.parse("WEBHOOK_URL_ALLOWLIST", List.of("http://x/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Allowlist.parse("WEBHOOK_URL_ALLOWLIST", List.of("", "  ")).toString())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/relative/path",
                "ftp://example.com/x",
                "mailto:a@example.com",
                "example.com/hook",
                "http://user:pass@example.com/hook",
                "https://example.com/hook#frag",
                "http:///nohost",
                "http://exa mple.com/"
            })
    void refusesWhatIsNotAnAbsoluteHttpUrlWithoutCredentials(String url) {
        assertThat(DestinationPolicy.syntaxProblem(url)).isPresent();
    }

    @Test
    void acceptsPlainHttpAndHttpsUrls() {
        assertThat(DestinationPolicy.syntaxProblem("https://hooks.example.com:8443/a/b?c=d"))
                .isEmpty();
        assertThat(DestinationPolicy.syntaxProblem("HTTP://127.0.0.1:3004/functions/v1/logger"))
                .isEmpty();
    }

    @Test
    void explainsARefusedUrlForTheAdmin() {
        DestinationPolicy policy = new DestinationPolicy(Allowlist.none("WEBHOOK_URL_ALLOWLIST"), dns(Map.of()));

        assertThat(policy.refusal(URI.create("http://192.168.0.10/hook")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("private").contains("WEBHOOK_URL_ALLOWLIST"));
        assertThat(policy.refusal(URI.create("http://does-not-exist.example/hook")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("cannot be resolved"));
        assertThat(policy.refusal(URI.create("http://93.184.215.14/hook"))).isEmpty();
    }
}
