package dev.orders.infra.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * The admin API key check every service's admin routes share: 401 problem without {@code Authorization: Bearer …}
 * (with {@code WWW-Authenticate}), 403 with a wrong key; compared in constant time.
 */
public final class AdminKey {

    private final byte[] key;

    public AdminKey(String adminApiKey) {
        if (adminApiKey == null || adminApiKey.isBlank()) {
            throw new IllegalArgumentException("ADMIN_API_KEY must not be empty");
        }
        this.key = adminApiKey.getBytes(StandardCharsets.UTF_8);
    }

    public void check(String authorizationHeader) {
        String header = authorizationHeader;
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw new ProblemException(
                    ProblemType.UNAUTHORIZED,
                    "This route needs Authorization: Bearer <ADMIN_API_KEY>.",
                    List.of(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"admin\""));
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The admin API key is not valid.");
        }
    }
}
