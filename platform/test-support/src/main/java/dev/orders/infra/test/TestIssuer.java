package dev.orders.infra.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 issuer for tests, on a local JDK HTTP server: {@code /jwks} serves the public halves of an RSA and an EC
 * key, {@code /.well-known/openid-configuration} the discovery document. {@link #token()} mints access tokens signed
 * with either key, or made wrong in one way at a time.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "orders-api";

    private final HttpServer server;
    private final RSAKey rsa;
    private final ECKey ec;
    private final AtomicInteger jwksRequests = new AtomicInteger();

    public TestIssuer() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true);
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, jwks);
        });
        server.createContext(
                "/.well-known/openid-configuration",
                exchange -> respond(exchange, "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUri() + "\"}"));
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The issuer's URL, also its {@code iss}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/jwks");
    }

    /** How often the key set was fetched. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    public Token token() {
        return new Token();
    }

    /** A token under construction: valid (RS256, this issuer, {@link #AUDIENCE}, 5 minutes) until changed. */
    public final class Token {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(TestIssuer.this.issuer())
                .audience(AUDIENCE)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        private JWSSigner foreignSigner;
        private String foreignKid;
        private boolean unsigned;

        private Token() {}

        public Token subject(String subject) {
            claims.subject(subject);
            return this;
        }

        /** Space-separated, in {@code scope}. */
        public Token scope(String scopes) {
            claims.claim("scope", scopes);
            return this;
        }

        /** As an array, in {@code scp}. */
        public Token scp(String... scopes) {
            claims.claim("scp", List.of(scopes));
            return this;
        }

        public Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Token issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Token audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Token expiresAt(Instant at) {
            claims.expirationTime(at == null ? null : Date.from(at));
            return this;
        }

        public Token notBefore(Instant at) {
            claims.notBeforeTime(Date.from(at));
            return this;
        }

        public Token es256() {
            algorithm = JWSAlgorithm.ES256;
            return this;
        }

        /** Signed by a key the issuer never published, under the key id of one it did. */
        public Token signedByAnotherKey() {
            try {
                RSAKey other = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
                foreignSigner = new RSASSASigner(other);
                foreignKid = other.getKeyID();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** HS256 with the issuer's public RSA key as the HMAC secret: the classic algorithm confusion. */
        public Token hmacWithThePublicKey() {
            try {
                algorithm = JWSAlgorithm.HS256;
                foreignSigner = new MACSigner(rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
                foreignKid = rsa.getKeyID();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** {@code alg: none}, no signature. */
        public Token unsigned() {
            unsigned = true;
            return this;
        }

        public String serialize() {
            JWTClaimsSet set = claims.build();
            if (unsigned) {
                return new PlainJWT(set).serialize();
            }
            try {
                JWSSigner signer = foreignSigner != null
                        ? foreignSigner
                        : algorithm == JWSAlgorithm.ES256 ? new ECDSASigner(ec) : new RSASSASigner(rsa);
                String kid = foreignKid != null
                        ? foreignKid
                        : algorithm == JWSAlgorithm.ES256 ? ec.getKeyID() : rsa.getKeyID();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(algorithm)
                                .keyID(kid)
                                .type(JOSEObjectType.JWT)
                                .build(),
                        set);
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code Bearer <token>}. */
        public String bearer() {
            return "Bearer " + serialize();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
