package dev.orders.gateway.security;

import java.util.Set;

/**
 * Who is calling, once authenticated: the principal of every request that carried a valid credential.
 *
 * @param id     the owner id recorded on the orders this caller places: {@code apikey:<name>} for an API key,
 *               {@code jwt:<sub>} (or its {@code client_id}, {@code azp}) for a JWT
 * @param scopes as granted; {@code admin} implies every other scope
 */
public record Caller(String id, Set<String> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean admin() {
        return scopes.contains(Scopes.ADMIN);
    }

    public boolean has(String scope) {
        return admin() || scopes.contains(scope);
    }
}
