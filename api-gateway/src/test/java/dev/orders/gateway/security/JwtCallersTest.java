package dev.orders.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.infra.test.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Real tokens against a real key set, served over HTTP by {@link TestIssuer}. */
class JwtCallersTest {

    static final TestIssuer issuer = new TestIssuer();
    static final JwtDecoder decoder =
            JwtCallers.decoder(new AuthProperties(issuer.jwksUri(), null, issuer.issuer(), TestIssuer.AUDIENCE, null));

    @AfterAll
    static void stop() {
        issuer.close();
    }

    static Caller caller(String token) {
        return (Caller) new JwtCallers().convert(decoder.decode(token)).getPrincipal();
    }

    @Test
    void acceptsRs256AndEs256TokensOfTheIssuer() {
        assertThat(caller(issuer.token()
                        .subject("alice")
                        .scope("orders.read orders.write")
                        .serialize()))
                .isEqualTo(new Caller("jwt:alice", java.util.Set.of("orders.read", "orders.write")));
        assertThat(caller(
                        issuer.token().es256().subject("bob").scp("orders.read").serialize()))
                .isEqualTo(new Caller("jwt:bob", java.util.Set.of("orders.read")));
    }

    @Test
    void namesAMachineClientByClientIdOrAzp() {
        assertThat(caller(issuer.token()
                                .claim("client_id", "pos-7")
                                .scope("orders.write")
                                .serialize())
                        .id())
                .isEqualTo("jwt:pos-7");
        assertThat(caller(issuer.token().claim("azp", "kiosk").serialize()).id())
                .isEqualTo("jwt:kiosk");
        assertThatThrownBy(() -> caller(issuer.token().scope("orders.read").serialize()))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("caller");
    }

    @Test
    void refusesEveryTokenThatIsWrongInOneWay() {
        Instant now = Instant.now();
        assertRefused(issuer.token().subject("a").expiresAt(now.minus(Duration.ofMinutes(5))), "expired");
        assertRefused(issuer.token().subject("a").notBefore(now.plus(Duration.ofMinutes(5))), "not yet valid");
        assertRefused(issuer.token().subject("a").expiresAt(null), "exp");
        assertRefused(issuer.token().subject("a").issuer("http://evil.example"), "iss");
        assertRefused(issuer.token().subject("a").audience("another-api"), "aud");
        assertRefused(issuer.token().subject("a").signedByAnotherKey(), "signature");
        assertRefused(issuer.token().subject("a").hmacWithThePublicKey(), "HS256");
        assertRefused(issuer.token().subject("a").unsigned(), "none");
    }

    private static void assertRefused(TestIssuer.Token token, String why) {
        String serialized = token.serialize();
        assertThatThrownBy(() -> decoder.decode(serialized)).as(why).isInstanceOf(BadJwtException.class);
    }

    @Test
    void findsTheKeysByDiscoveryAndChecksTheIssuerItNames() {
        JwtDecoder discovered =
                JwtCallers.decoder(new AuthProperties(null, URI.create(issuer.issuer()), null, null, null));
        Jwt jwt = discovered.decode(
                issuer.token().subject("carol").audience("anything").serialize());
        assertThat(jwt.getSubject()).isEqualTo("carol");
        assertThatThrownBy(() -> discovered.decode(issuer.token()
                        .subject("c")
                        .issuer("http://evil.example")
                        .serialize()))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void fetchesTheKeysAgainAtMostOnceInAWhileWhateverKeyIdsArrive() {
        JwtDecoder fresh = JwtCallers.decoder(new AuthProperties(issuer.jwksUri(), null, issuer.issuer(), null, null));
        fresh.decode(issuer.token().subject("a").serialize());
        int before = issuer.jwksRequests();
        for (int i = 0; i < 20; i++) {
            String unknownKid = issuer.token()
                    .subject("a")
                    .claim("n", i)
                    .signedByAnotherKey()
                    .serialize()
                    .replaceFirst(
                            "^[^.]+",
                            java.util.Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(("{\"alg\":\"RS256\",\"kid\":\"unknown-" + i + "\"}").getBytes()));
            assertThatThrownBy(() -> fresh.decode(unknownKid)).isInstanceOf(BadJwtException.class);
        }
        assertThat(issuer.jwksRequests() - before)
                .as("key set fetches for 20 unknown key ids")
                .isLessThanOrEqualTo(2);
    }
}
