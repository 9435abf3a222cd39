package dev.orders.infra.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides where a request to an address someone gave us (a webhook subscription, a Slack incoming-webhook URL) may
 * go. Checked twice: when the address is registered (a clear 400 for the admin) and again at send time on the
 * addresses the connection will actually use ({@link GuardedDnsResolver}), so that a DNS answer that changed since
 * (or a rebinding attack) cannot point a request at our own network.
 */
public final class DestinationPolicy {

    static final int MAX_URL_LENGTH = 2048;

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Allowlist allowlist;
    private final Resolver resolver;

    public DestinationPolicy(Allowlist allowlist, Resolver resolver) {
        this.allowlist = allowlist;
        this.resolver = resolver;
    }

    /** Resolves with the system's DNS. */
    public DestinationPolicy(Allowlist allowlist) {
        this(allowlist, InetAddress::getAllByName);
    }

    /** What is wrong with {@code url} as a destination URL, before any DNS lookup; empty when it is well formed. */
    public static Optional<String> syntaxProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must have a valid host name");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials; the signature authenticates the sender");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        return Optional.empty();
    }

    /**
     * The addresses a connection to {@code host} may use. Refused when the host is not allow-listed and any of its
     * addresses is refused by {@link AddressRules} and not allow-listed: a name that answers with both a public and
     * a private address is treated as hostile, since a client may pick either.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (allowlist.permitsHost(bare)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressRules.refusal(address);
            if (refusal.isPresent() && !allowlist.permitsAddress(address)) {
                String shown = address.getHostAddress();
                throw new RefusedDestinationException(
                        bare + (bare.equals(shown) ? " is " : " resolves to " + shown + ", ") + refusal.get()
                                + "; only public addresses are allowed unless " + allowlist.variable()
                                + " permits it");
            }
        }
        return addresses;
    }

    /** Why a syntactically valid URL may not be used; empty when allowed. Resolves its host. */
    public Optional<String> refusal(URI url) {
        try {
            resolve(url.getHost());
            return Optional.empty();
        } catch (RefusedDestinationException e) {
            return Optional.of("is not allowed: " + e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("has a host that cannot be resolved: " + url.getHost());
        }
    }

    public Allowlist allowlist() {
        return allowlist;
    }
}
