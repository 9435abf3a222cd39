package dev.orders.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.infra.test.TestIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** The one authentication manager behind every bearer credential: which kind it is, and what a failure means. */
class BearerCredentialsTest {

    static AuthenticationManager manager(AuthProperties auth) {
        return new SecurityConfiguration()
                .bearerCredentials(auth, "an-admin-key")
                .resolve(null);
    }

    static Authentication authenticate(AuthenticationManager manager, String credential) {
        return manager.authenticate(new BearerTokenAuthenticationToken(credential));
    }

    @Test
    void anApiKeyAndAJwtBothBecomeACaller() {
        try (TestIssuer issuer = new TestIssuer()) {
            AuthenticationManager manager = manager(
                    new AuthProperties(issuer.jwksUri(), null, null, null, "shop:a-shop-key-of-16-chars:orders.read"));
            assertThat(authenticate(manager, "a-shop-key-of-16-chars").getPrincipal())
                    .isEqualTo(new Caller("apikey:shop", java.util.Set.of("orders.read")));
            Authentication jwt = authenticate(
                    manager,
                    issuer.token().subject("dana").scope("orders.write").serialize());
            assertThat(jwt.getName()).isEqualTo("jwt:dana");
            assertThat(jwt.getAuthorities()).extracting(Object::toString).containsExactly("SCOPE_orders.write");
            assertThat(jwt.getCredentials()).as("the token is not kept").isNull();
            assertThat(authenticate(manager, "an-admin-key").getAuthorities())
                    .extracting(Object::toString)
                    .as("admin holds every scope")
                    .contains("SCOPE_admin", "SCOPE_orders.read", "SCOPE_orders.notify");
        }
    }

    @Test
    void refusesAJwtWhenNoIssuerIsConfigured() {
        try (TestIssuer issuer = new TestIssuer()) {
            AuthenticationManager manager = manager(new AuthProperties(null, null, null, null, null));
            assertThatThrownBy(() ->
                            authenticate(manager, issuer.token().subject("a").serialize()))
                    .isInstanceOf(InvalidBearerTokenException.class);
        }
    }

    @Test
    void anIdentityProviderOutOfReachIsAnOutageNotABadToken() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (TestIssuer issuer = new TestIssuer()) {
            AuthenticationManager manager = manager(
                    new AuthProperties(URI.create("http://127.0.0.1:" + closed + "/jwks"), null, null, null, null));
            assertThatThrownBy(() ->
                            authenticate(manager, issuer.token().subject("a").serialize()))
                    .isInstanceOf(ProblemResponses.IdentityProviderUnavailable.class);
        }
    }
}
