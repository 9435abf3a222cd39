package dev.orders.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys the gateway accepts, kept only as SHA-256 digests. {@code API_KEYS} lists them as
 * {@code name:key:scope,scope} separated by {@code ;}; the key may be given as its digest, {@code sha256=<64 hex>}, so
 * the plain key never has to sit in the environment. {@code ADMIN_API_KEY} is one more key, named {@code admin}, with
 * the {@code admin} scope. A presented key is compared with every configured digest in constant time.
 */
final class ApiKeys {

    static final String ADMIN_NAME = "admin";
    static final String OWNER_PREFIX = "apikey:";
    static final int MIN_KEY_LENGTH = 16;

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    // what a bearer token may hold (RFC 6750), less the dot, which marks a JWT
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_~+/-]+=*$");
    private static final Pattern DIGEST = Pattern.compile("^sha256=([0-9a-fA-F]{64})$");

    private record Entry(String name, byte[] digest, Set<String> scopes) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @throws IllegalArgumentException naming the entry (never its key) when the configuration is not valid */
    static ApiKeys parse(String apiKeys, String adminApiKey) {
        List<Entry> entries = new ArrayList<>();
        if (adminApiKey == null || adminApiKey.isBlank()) {
            throw new IllegalArgumentException("ADMIN_API_KEY must not be empty");
        }
        if (!KEY.matcher(adminApiKey).matches()) {
            throw new IllegalArgumentException("ADMIN_API_KEY may hold only letters, digits and - _ ~ + / (no dot)");
        }
        entries.add(new Entry(ADMIN_NAME, sha256(adminApiKey), Set.of(Scopes.ADMIN)));
        int position = 0;
        for (String raw : (apiKeys == null ? "" : apiKeys).split(";")) {
            position++;
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            String where = "API_KEYS entry " + position;
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + " must be name:key:scope,scope");
            }
            String name = parts[0].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": the name must be 1 to 64 letters, digits, - or _");
            }
            where = "API_KEYS entry " + name;
            String key = parts[1].strip();
            byte[] digest;
            var hashed = DIGEST.matcher(key);
            if (hashed.matches()) {
                digest = HexFormat.of().parseHex(hashed.group(1).toLowerCase(Locale.ROOT));
            } else if (key.length() < MIN_KEY_LENGTH || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(where + ": the key must be at least " + MIN_KEY_LENGTH
                        + " letters, digits or - _ ~ + / (no dot), or sha256=<64 hex digits>");
            } else {
                digest = sha256(key);
            }
            Set<String> scopes = new LinkedHashSet<>();
            for (String scope : parts[2].split(",")) {
                String s = scope.strip();
                if (!Scopes.ALL.contains(s)) {
                    throw new IllegalArgumentException(
                            where + ": unknown scope '" + s + "'; scopes are " + String.join(", ", Scopes.ALL));
                }
                scopes.add(s);
            }
            entries.add(new Entry(name, digest, scopes));
        }
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("API_KEYS names " + e.name() + " twice (admin is ADMIN_API_KEY)");
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (Arrays.equals(entries.get(i).digest(), entries.get(j).digest())) {
                    throw new IllegalArgumentException("API_KEYS entries "
                            + entries.get(i).name() + " and " + entries.get(j).name() + " have the same key");
                }
            }
        }
        return new ApiKeys(entries);
    }

    /** The caller a presented key belongs to. Every configured digest is compared, so the time says nothing. */
    Optional<Caller> authenticate(String presented) {
        byte[] digest = sha256(presented);
        Entry match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(digest, e.digest())) {
                match = e;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Caller(OWNER_PREFIX + match.name(), match.scopes()));
    }

    int size() {
        return entries.size();
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
