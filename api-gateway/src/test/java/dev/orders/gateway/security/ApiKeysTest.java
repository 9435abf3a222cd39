package dev.orders.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    static final String ADMIN = "an-admin-key-0001";

    @Test
    void namesTheCallerByItsKeyAndGrantsItsScopes() {
        ApiKeys keys = ApiKeys.parse(
                " shop-web:k3y-k3y-k3y-k3y-k3y:orders.read,orders.write ; ops:0123456789abcdef:admin;", ADMIN);
        assertThat(keys.authenticate("k3y-k3y-k3y-k3y-k3y"))
                .hasValue(new Caller("apikey:shop-web", Set.of("orders.read", "orders.write")));
        assertThat(keys.authenticate("0123456789abcdef").orElseThrow().admin()).isTrue();
        assertThat(keys.authenticate(ADMIN)).hasValue(new Caller("apikey:admin", Set.of("admin")));
        assertThat(keys.authenticate("k3y-k3y-k3y-k3y-k3")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void acceptsAKeyConfiguredAsItsDigest() {
        String digest = HexFormat.of().formatHex(ApiKeys.sha256("only-the-client-knows-this"));
        ApiKeys keys = ApiKeys.parse("pos:sha256=" + digest.toUpperCase() + ":orders.write", ADMIN);
        assertThat(keys.authenticate("only-the-client-knows-this").orElseThrow().id())
                .isEqualTo("apikey:pos");
        assertThat(keys.authenticate("sha256=" + digest))
                .as("the digest is not the key")
                .isEmpty();
    }

    @Test
    void refusesAConfigurationItCannotTrustAndNeverPrintsTheKey() {
        assertThatThrownBy(() -> ApiKeys.parse("shop:short:orders.read", ADMIN))
                .hasMessageContaining("shop")
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("short:");
        assertThatThrownBy(() -> ApiKeys.parse("shop:has.a.dot.in.the.key:orders.read", ADMIN))
                .hasMessageContaining("no dot")
                .hasMessageNotContaining("has.a.dot");
        assertThatThrownBy(() -> ApiKeys.parse("shop:a-long-enough-key-1:orders.everything", ADMIN))
                .hasMessageContaining("unknown scope 'orders.everything'");
        assertThatThrownBy(() -> ApiKeys.parse("shop:a-long-enough-key-1", ADMIN))
                .hasMessageContaining("name:key:scope");
        assertThatThrownBy(() -> ApiKeys.parse("a:a-long-enough-key-1:admin;b:a-long-enough-key-1:admin", ADMIN))
                .hasMessageContaining("same key");
        assertThatThrownBy(() -> ApiKeys.parse("admin:a-long-enough-key-1:admin", ADMIN))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ApiKeys.parse("", " ")).hasMessageContaining("ADMIN_API_KEY");
    }

    @Test
    void tellsAJwtFromAnApiKeyByItsTwoDots() {
        assertThat(SecurityConfiguration.isJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
                .isTrue();
        assertThat(SecurityConfiguration.isJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
                .isTrue();
        assertThat(SecurityConfiguration.isJwt("dev-demo-shop-key")).isFalse();
        assertThat(SecurityConfiguration.isJwt("a.b")).isFalse();
    }
}
