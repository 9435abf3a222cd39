package dev.orders.gateway.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The scopes a credential may hold; {@code admin} holds every other one too. */
public final class Scopes {

    public static final String ORDERS_READ = "orders.read";
    public static final String ORDERS_WRITE = "orders.write";
    public static final String ORDERS_NOTIFY = "orders.notify";
    public static final String ADMIN = "admin";

    static final List<String> ALL = List.of(ORDERS_READ, ORDERS_WRITE, ORDERS_NOTIFY, ADMIN);
    static final String AUTHORITY_PREFIX = "SCOPE_";

    private Scopes() {}

    static String authority(String scope) {
        return AUTHORITY_PREFIX + scope;
    }

    /** The authorities of a set of scopes, with every scope added for an admin. */
    static List<GrantedAuthority> authorities(Set<String> scopes) {
        Set<String> granted = new LinkedHashSet<>(scopes);
        if (scopes.contains(ADMIN)) {
            granted.addAll(ALL);
        }
        return granted.stream()
                .<GrantedAuthority>map(s -> new SimpleGrantedAuthority(authority(s)))
                .toList();
    }
}
