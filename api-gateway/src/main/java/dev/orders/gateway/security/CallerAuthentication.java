package dev.orders.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated {@link Caller}, whichever credential proved it; the credential itself is not kept. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(Scopes.authorities(caller.scopes()));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.id();
    }
}
