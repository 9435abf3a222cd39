package dev.orders.infra.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The HTTP client connects only to addresses that passed {@link DestinationPolicy}, resolved once, here: checking
 * a name and then letting the client resolve it again would leave room for a DNS answer that changes in between.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final DestinationPolicy policy;

    public GuardedDnsResolver(DestinationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.resolve(host);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // only used for Kerberos/SPNEGO, which these requests never do; no connection follows from it
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
