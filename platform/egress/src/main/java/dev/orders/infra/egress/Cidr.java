package dev.orders.infra.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or a bare address (a single host). Only numeric addresses: a name here would
     * need a DNS lookup, which is the very thing a CIDR rule must not depend on.
     */
    public static Cidr parse(String spec) {
        String trimmed = spec.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = numeric(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + spec);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + spec);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length of " + spec + " must be from 0 to " + max);
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** A network given as bytes: for IPv6 prefixes that Java would turn into IPv4 when parsed as text. */
    static Cidr of(byte[] network, int prefix, String text) {
        return new Cidr(mask(network, prefix), prefix, text);
    }

    /** The address bytes when {@code text} is an IP literal (brackets allowed for IPv6), else null. No DNS. */
    static byte[] numeric(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.isEmpty()) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!v6 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        if (v6 && !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        if (!v6) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            // a literal of these shapes is parsed, never looked up
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    public boolean contains(byte[] bytes) {
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
