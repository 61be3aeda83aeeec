package com.gstcomms.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for where the platform may connect on a merchant's behalf (their own SMTP server): only to
 * public unicast addresses, on the ports mail submission and relay use. Anything else would let a merchant
 * make our functions talk to our own network (SSRF): loopback, private and carrier-grade NAT ranges, link
 * local (the cloud metadata service 169.254.169.254 and fd00:ec2::254), multicast and reserved ranges
 * (IANA special-purpose registries, RFC 6890; RFC 4291, RFC 4193, RFC 6598).
 *
 * <p>A name is resolved <em>once</em>; every address it has must be public, and the caller connects to the
 * address checked here (never by name again), so a DNS answer that changes between the check and the
 * connect (DNS rebinding) cannot reach an inner address.
 *
 * <p>{@code loopbackAllowed} exists for the local cloud and the tests, whose servers listen on 127.0.0.1 on
 * random ports: loopback addresses are then accepted on any port. Production never sets it.
 */
public final class PublicAddress {

    /** SMTP relay (25, RFC 5321), submission (587, RFC 6409), implicit TLS (465, RFC 8314), the usual alternative 2525. */
    public static final Set<Integer> SMTP_PORTS = Set.of(25, 465, 587, 2525);

    /** Host names (LDH labels, RFC 1123; internationalised names in their xn-- form) and IP literals. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");

    /** How names are resolved; replaceable for tests of the connect-time check. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /** Why a host or port is refused; {@code field} is "host" or "port". */
    public static final class Refused extends Exception {
        private final String field;

        public Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private PublicAddress() {
    }

    /**
     * Resolves {@code host} once and checks it and {@code port}: the address to connect to.
     *
     * @throws Refused naming "host" (bad syntax, unknown, not public) or "port" (not an SMTP port)
     */
    public static InetAddress resolveSmtp(String host, int port, boolean loopbackAllowed, Resolver resolver) throws Refused {
        if (host == null || host.isBlank()) {
            throw new Refused("host", "the SMTP host is required");
        }
        String name = host.strip();
        if (!HOST.matcher(name).matches()) {
            throw new Refused("host", "the SMTP host must be a host name or an IP address");
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("host", "the SMTP host could not be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host", "the SMTP host could not be resolved");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            boolean loopback = isLoopback(address);
            allLoopback &= loopback;
            if (!(loopback && loopbackAllowed) && !isPublic(address)) {
                // Say which kind, never which address: the answer goes back to the merchant.
                throw new Refused("host", "the SMTP host must resolve to public internet addresses only, not "
                        + kind(address) + " addresses");
            }
        }
        if (!(allLoopback && loopbackAllowed) && !SMTP_PORTS.contains(port)) {
            throw new Refused("port", "the SMTP port must be one of 25, 465, 587 or 2525");
        }
        return addresses[0];
    }

    /** Whether connecting to this address leaves our network for the public internet. */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 127;
        }
        byte[] v4 = embeddedV4(b);
        return v4 != null ? (v4[0] & 0xff) == 127 : Arrays.equals(b, LOOPBACK_V6);
    }

    private static final byte[] LOOPBACK_V6 = new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                   // 0.0.0.0/8 "this network"
                || a0 == 10                                // 10/8 private (RFC 1918)
                || (a0 == 100 && (a1 & 0xc0) == 64)        // 100.64/10 carrier-grade NAT (RFC 6598)
                || a0 == 127                               // 127/8 loopback
                || (a0 == 169 && a1 == 254)                // 169.254/16 link local, incl. 169.254.169.254 metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)        // 172.16/12 private
                || (a0 == 192 && a1 == 0 && a2 == 0)       // 192.0.0/24 IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)       // 192.0.2/24 documentation
                || (a0 == 192 && a1 == 88 && a2 == 99)     // 192.88.99/24 6to4 relay anycast (RFC 7526)
                || (a0 == 192 && a1 == 168)                // 192.168/16 private
                || (a0 == 198 && (a1 & 0xfe) == 18)        // 198.18/15 benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)    // 198.51.100/24 documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)     // 203.0.113/24 documentation
                || a0 >= 224);                             // 224/4 multicast, 240/4 reserved, 255.255.255.255
    }

    private static boolean isPublicV6(byte[] b) {
        byte[] v4 = embeddedV4(b);
        if (v4 != null) {
            return isPublicV4(v4);
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        boolean firstEightZero = true;
        for (int i = 0; i < 8; i++) {
            firstEightZero &= b[i] == 0;
        }
        return !(firstEightZero                            // ::, ::1, IPv4-compatible ::a.b.c.d and the like
                || (b0 & 0xfe) == 0xfc                     // fc00::/7 unique local, incl. fd00:ec2::254 (EC2 metadata)
                || (b0 == 0xfe && (b1 & 0xc0) == 0x80)     // fe80::/10 link local
                || (b0 == 0xfe && (b1 & 0xc0) == 0xc0)     // fec0::/10 former site local
                || b0 == 0xff                              // ff00::/8 multicast
                || (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && b[4] == 0 && (b[5] & 0xff) == 0x01)    // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
                || (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) // 2001::/32 Teredo: carries an IPv4 of its own
                || (b0 == 0x01 && b1 == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0
                    && b[7] == 0)                          // 100::/64 discard (RFC 6666)
                || (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)); // 2001:db8::/32 documentation
    }

    /**
     * The IPv4 address inside an IPv6 one that carries it: IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96
     * (RFC 6052) and 6to4 2002::/16 (RFC 3056); else null.
     */
    private static byte[] embeddedV4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean tenZero = true;
        for (int i = 0; i < 10; i++) {
            tenZero &= b[i] == 0;
        }
        if (tenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            boolean zero = true;
            for (int i = 4; i < 12; i++) {
                zero &= b[i] == 0;
            }
            if (zero) {
                return Arrays.copyOfRange(b, 12, 16);
            }
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    private static String kind(InetAddress address) {
        if (isLoopback(address)) {
            return "loopback";
        }
        byte[] b = address.getAddress();
        byte[] v4 = b.length == 4 ? b : embeddedV4(b);
        if (v4 != null) {
            int a0 = v4[0] & 0xff;
            int a1 = v4[1] & 0xff;
            if (a0 == 169 && a1 == 254) {
                return "link-local or metadata";
            }
            if (a0 >= 224) {
                return "multicast or reserved";
            }
            return a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168) || (a0 == 100 && (a1 & 0xc0) == 64)
                    ? "private" : "reserved";
        }
        int b0 = b[0] & 0xff;
        if (b0 == 0xff) {
            return "multicast";
        }
        if (b0 == 0xfe) {
            return "link-local";
        }
        return (b0 & 0xfe) == 0xfc ? "private or metadata" : "reserved";
    }
}
