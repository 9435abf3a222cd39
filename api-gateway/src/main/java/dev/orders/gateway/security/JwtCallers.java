package dev.orders.gateway.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.orders.contracts.Limits;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JWT access tokens: the decoder that checks them against the issuer's keys, and the caller each one names.
 * <ul>
 *   <li>signature: asymmetric algorithms only (RS, PS, ES); {@code none} and HMAC never verify;</li>
 *   <li>{@code exp} required and in the future, {@code nbf} (when present) in the past, 60 s of clock skew either
 *       way; {@code iss} when an issuer is configured; {@code aud} when an audience is;</li>
 *   <li>{@code typ}: absent, {@code JWT} or {@code at+jwt} (RFC 9068);</li>
 *   <li>the caller is {@code sub}, else {@code client_id}, else {@code azp}, recorded as {@code jwt:<id>} so that no
 *       token can pass for an API key's caller ({@code apikey:<name>}) or an AMQP sender's owner; scopes come from
 *       {@code scope} (space-separated) or {@code scp}.</li>
 * </ul>
 * Keys are fetched on first use, cached for 5 minutes and refreshed at most once per 30 s, however many tokens with
 * unknown key ids arrive, each fetch bounded to 2 s and 50 KB.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(
            SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512,
            SignatureAlgorithm.PS256,
            SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256,
            SignatureAlgorithm.ES384,
            SignatureAlgorithm.ES512);
    static final String OWNER_PREFIX = "jwt:";
    private static final int FETCH_TIMEOUT_MILLIS = 2_000;
    private static final int FETCH_SIZE_LIMIT = 50 * 1024;

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

    static JwtDecoder decoder(AuthProperties properties) {
        ResourceRetriever retriever =
                new DefaultResourceRetriever(FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS, FETCH_SIZE_LIMIT);
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        if (properties.jwkSetUri() != null) {
            return decoder(url(properties.jwkSetUri()), retriever, validator);
        }
        // discovery on first use, tried again on the next token while it fails: the gateway starts without the IdP
        return new SupplierJwtDecoder(
                () -> decoder(discoverJwkSet(properties.issuerUri(), retriever), retriever, validator));
    }

    private static JwtDecoder decoder(URL jwkSet, ResourceRetriever retriever, OAuth2TokenValidator<Jwt> validator) {
        JWKSource<SecurityContext> fetched =
                JWKSourceBuilder.<SecurityContext>create(jwkSet, retriever).build();
        JWKSource<SecurityContext> keys = (selector, context) -> {
            try {
                return fetched.get(selector, context);
            } catch (RateLimitReachedException e) {
                // the set was fetched moments ago and this key id was not in it: a bad token, not an outage
                return List.of();
            }
        };
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                .build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(AuthProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTypeValidator type = new JwtTypeValidator(List.of("JWT", "at+jwt", "application/at+jwt"));
        type.setAllowEmpty(true);
        validators.add(type);
        validators.add(new JwtTimestampValidator());
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        if (properties.issuer() != null) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        if (properties.audience() != null) {
            validators.add(new JwtAudienceValidator(properties.audience()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** OpenID Connect discovery: the issuer's metadata must name the issuer itself and its {@code jwks_uri}. */
    private static URL discoverJwkSet(URI issuer, ResourceRetriever retriever) {
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        try {
            String metadata = retriever
                    .retrieveResource(url(URI.create(base + ".well-known/openid-configuration")))
                    .getContent();
            JsonNode json = JsonMapper.builder().build().readTree(metadata);
            String named = json.path("issuer").asString("");
            if (!named.equals(issuer.toString()) && !(named + "/").equals(base)) {
                throw new IllegalStateException("the issuer's metadata names another issuer: " + named);
            }
            return url(URI.create(json.path("jwks_uri").asString("")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("OpenID Connect discovery at " + issuer + " failed: " + e.getMessage(), e);
        }
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String subject = firstText(jwt, JwtClaimNames.SUB, "client_id", "azp");
        String id = subject == null ? null : OWNER_PREFIX + subject;
        if (id == null || id.length() > Limits.MAX_OWNER_ID_LENGTH || id.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new InvalidBearerTokenException("The token names no usable caller (sub, client_id or azp).");
        }
        Set<String> granted = new HashSet<>();
        for (GrantedAuthority authority : Objects.requireNonNull(scopes.convert(jwt))) {
            granted.add(authority.getAuthority().substring(Scopes.AUTHORITY_PREFIX.length()));
        }
        return new CallerAuthentication(new Caller(id, granted));
    }

    private static String firstText(Jwt jwt, String... claims) {
        for (String claim : claims) {
            if (jwt.getClaims().get(claim) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
