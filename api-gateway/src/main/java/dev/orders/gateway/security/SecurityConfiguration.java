package dev.orders.gateway.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Every request with {@code Authorization: Bearer <credential>} is authenticated by Spring
 * Security's resource server: a credential with two dots is a JWT access token (header.payload.signature), anything
 * else an API key (which therefore may not contain a dot). Then each route asks for a scope:
 *
 * <pre>
 * public       GET /health, /actuator/health, /openapi.json, /docs, /problems/**, /products, /products/{id},
 *              /.well-known/oauth-protected-resource
 * orders.write POST /orders, POST /orders/{id}/cancel
 * orders.read  GET /orders, GET /orders/{id}
 * admin        POST /products, POST /products/{id}/stock, /webhooks/**, /actuator/** (but health)
 * </pre>
 * <p>
 * Anything else needs a valid credential, so an anonymous caller learns nothing about which routes exist. Whose
 * orders a caller sees is decided further in, by the order routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bearerCredentials(
            AuthProperties auth, @Value("${platform.admin-api-key}") String adminApiKey) {
        ApiKeys keys = ApiKeys.parse(auth.apiKeys(), adminApiKey);
        JwtAuthenticationProvider jwt = null;
        if (auth.jwtEnabled()) {
            jwt = new JwtAuthenticationProvider(JwtCallers.decoder(auth));
            jwt.setJwtAuthenticationConverter(new JwtCallers());
        }
        log.info(
                "Accepting {} API keys{}",
                keys.size(),
                jwt == null
                        ? " and no JWTs (no AUTH_JWK_SET_URI or " + "AUTH_JWT_ISSUER_URI)"
                        : " and JWTs from " + (auth.jwkSetUri() != null ? auth.jwkSetUri() : auth.issuerUri())
                                + (auth.issuer() == null ? "" : ", iss " + auth.issuer())
                                + (auth.audience() == null ? "" : ", aud " + auth.audience()));
        JwtAuthenticationProvider tokens = jwt;
        AuthenticationManager manager = authentication -> {
            String credential = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (isJwt(credential)) {
                if (tokens == null) {
                    throw new InvalidBearerTokenException("JWT access tokens are not accepted here.");
                }
                try {
                    return tokens.authenticate(authentication);
                } catch (AuthenticationServiceException e) {
                    log.warn("Cannot check a JWT: {}", e.getMessage());
                    throw new ProblemResponses.IdentityProviderUnavailable(e);
                }
            }
            return keys.authenticate(credential)
                    .map(CallerAuthentication::new)
                    .orElseThrow(() -> new InvalidBearerTokenException("The API key is not valid."));
        };
        return request -> manager;
    }

    /**
     * No Micrometer observation of each security filter, authentication and authorization: with the actuator's
     * registry they would be on, several per request, and the request itself is already measured.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** A JWS in compact form is three base64url parts joined by dots; an API key holds no dot. */
    static boolean isJwt(String credential) {
        return credential.chars().filter(c -> c == '.').count() == 2;
    }

    @Bean
    SecurityFilterChain security(
            HttpSecurity http,
            AuthenticationManagerResolver<HttpServletRequest> credentials,
            AuthProperties auth,
            JsonMapper json)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        String read = Scopes.authority(Scopes.ORDERS_READ);
        String write = Scopes.authority(Scopes.ORDERS_WRITE);
        String admin = Scopes.authority(Scopes.ADMIN);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .anonymous(a -> {})
                .authorizeHttpRequests(a -> a
                        // an error page rendered for a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/health",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/openapi.json",
                                "/openapi.json/**",
                                "/docs",
                                "/docs/**",
                                "/swagger-ui/**",
                                "/problems/**",
                                "/products",
                                "/products/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/orders", "/orders/*/cancel")
                        .hasAuthority(write)
                        .requestMatchers(HttpMethod.GET, "/orders", "/orders/*")
                        .hasAuthority(read)
                        .requestMatchers(HttpMethod.POST, "/products", "/products/*/stock")
                        .hasAuthority(admin)
                        .requestMatchers("/webhooks", "/webhooks/**", "/actuator/**")
                        .hasAuthority(admin)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(credentials)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource, which 401s point to
                        .protectedResourceMetadata(m -> m.protectedResourceMetadataCustomizer(metadata -> {
                            metadata.tlsClientCertificateBoundAccessTokens(false)
                                    .resourceName("Orders platform API");
                            Scopes.ALL.forEach(metadata::scope);
                            if (auth.issuer() != null) {
                                metadata.authorizationServer(auth.issuer());
                            }
                        })))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
