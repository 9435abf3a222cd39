package dev.orders.gateway.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers prove who they are. JWT access tokens are accepted when {@code jwkSetUri} or {@code issuerUri} is set;
 * API keys always (at least {@code ADMIN_API_KEY}).
 *
 * @param jwkSetUri the issuer's JWK Set ({@code AUTH_JWK_SET_URI}); takes precedence over discovery
 * @param issuerUri the issuer, whose keys are found by OIDC discovery on first use ({@code AUTH_JWT_ISSUER_URI})
 * @param issuer    the {@code iss} every token must carry ({@code AUTH_JWT_ISSUER}); defaults to {@code issuerUri}
 * @param audience  a value the token's {@code aud} must contain ({@code AUTH_JWT_AUDIENCE}); unchecked when empty
 * @param apiKeys   {@code name:key:scope,scope;…} ({@code API_KEYS})
 */
@ConfigurationProperties("gateway.auth")
public record AuthProperties(URI jwkSetUri, URI issuerUri, String issuer, String audience, String apiKeys) {

    public AuthProperties {
        jwkSetUri = blankToNull(jwkSetUri);
        issuerUri = blankToNull(issuerUri);
        issuer = issuer == null || issuer.isBlank() ? (issuerUri == null ? null : issuerUri.toString()) : issuer;
        audience = audience == null || audience.isBlank() ? null : audience;
    }

    boolean jwtEnabled() {
        return jwkSetUri != null || issuerUri != null;
    }

    private static URI blankToNull(URI uri) {
        return uri == null || uri.toString().isBlank() ? null : uri;
    }

    @Override
    public String toString() {
        return "AuthProperties[jwkSetUri=" + jwkSetUri + ", issuerUri=" + issuerUri + ", issuer=" + issuer
                + ", audience=" + audience + ", apiKeys=***]";
    }
}
