package dev.orders.infra.egress;

import java.net.UnknownHostException;

/**
 * A subscriber host resolves to an address we must not call. An {@link UnknownHostException} so that it can stop a
 * connection from inside an HTTP client's DNS hook, before any socket is opened.
 */
public class RefusedDestinationException extends UnknownHostException {

    public RefusedDestinationException(String message) {
        super(message);
    }
}
