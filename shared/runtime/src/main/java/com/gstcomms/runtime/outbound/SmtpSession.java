package com.gstcomms.runtime.outbound;

import com.gstcomms.core.net.PublicAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * One SMTP dialogue (RFC 5321) with a merchant's own server: the API's test message and status probe and
 * the email function's fallback all go through here, so the same checks hold everywhere.
 *
 * <ul>
 *   <li>The host is resolved once and checked by {@link PublicAddress}; the socket connects to that very
 *   address, so a DNS answer changed after the settings were saved (DNS rebinding) is caught here.</li>
 *   <li>TLS (implicit, RFC 8314, or STARTTLS, RFC 3207) is on the configured name: SNI carries it and the
 *   certificate must match it (endpoint identification, RFC 6125), with the JDK's trusted CAs.</li>
 *   <li>No CR, LF or NUL in anything that goes into a command (user name, password, addresses): they
 *   would end the command and start another one (SMTP command injection).</li>
 *   <li>Errors say which step failed and the reply code, never the server's own text: a probe must not
 *   become a way to read banners of other services.</li>
 * </ul>
 */
public final class SmtpSession implements AutoCloseable {

    /** The name we greet with (EHLO) and the Message-ID domain of test mail. */
    public static final String OWN_NAME = "gstcomms.app";

    /** A merchant's server as saved in their settings; {@link #toString()} never shows the password. */
    public record Server(String host, int port, String security, String username, String password) {
        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", user " + username + ", " + security + "]";
        }

        String mode() {
            String s = security == null ? "STARTTLS" : security.strip().toUpperCase(Locale.ROOT);
            return "SSL".equals(s) ? "TLS" : s;
        }
    }

    /** The server answered a step with another code than the one expected. */
    public static final class Refused extends IOException {
        private final int code;

        Refused(String step, int code) {
            super("the SMTP server refused " + step + " (" + (code < 0 ? "no valid reply" : Integer.toString(code)) + ")");
            this.code = code;
        }

        /** The SMTP reply code; -1 when the server said something that is not an SMTP reply. */
        public int code() {
            return code;
        }

        /** RFC 5321 §4.2.1: 5yz is permanent; 4yz (and anything unparseable) may be tried again. */
        public boolean permanent() {
            return code >= 500 && code < 600;
        }
    }

    /** The settings themselves are refused (an address that is not public, a CR/LF in a field). */
    public static final class NotAllowed extends IOException {
        private final String field;

        public NotAllowed(String field, String message) {
            super(message);
            this.field = field;
        }

        /** "host", "port", "username", "password", "fromEmail" or "to". */
        public String field() {
            return field;
        }
    }

    /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; we allow more, but not without end. */
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;

    private SmtpSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Whether text can go into an SMTP command: no CR, LF or NUL. */
    public static boolean isSafe(String text) {
        return text == null || text.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    /**
     * Connects (to the address checked now), reads the greeting, says EHLO, starts TLS as configured and
     * logs in when a user name is set.
     */
    public static SmtpSession open(Server server, boolean loopbackAllowed, PublicAddress.Resolver resolver,
                                   Duration timeout) throws IOException {
        if (!isSafe(server.username())) {
            throw new NotAllowed("username", "the SMTP user name must not contain line breaks");
        }
        if (!isSafe(server.password())) {
            throw new NotAllowed("password", "the SMTP password must not contain line breaks");
        }
        String mode = server.mode();
        if (!mode.equals("STARTTLS") && !mode.equals("TLS") && !mode.equals("NONE")) {
            throw new NotAllowed("security", "security must be STARTTLS, TLS or NONE");
        }
        SmtpSession session = connect(server, loopbackAllowed, resolver, timeout);
        try {
            session.expect(220, "the connection");
            session.command("EHLO " + OWN_NAME, 250, "EHLO");
            if (mode.equals("STARTTLS")) {
                session.command("STARTTLS", 220, "STARTTLS");
                if (session.in.available() > 0) {
                    // Plain text sent after the 220 would be read as if it came over TLS (RFC 3207 §5,
                    // "STARTTLS command injection"): a server that does this is not talked to.
                    throw new Refused("STARTTLS (data before the TLS handshake)", -1);
                }
                session = new SmtpSession(tls(session.socket, server));
                session.command("EHLO " + OWN_NAME, 250, "EHLO");
            }
            if (server.username() != null && !server.username().isBlank()) {
                // AUTH PLAIN (RFC 4616): NUL user NUL password, base64; the line is never echoed.
                String token = Base64.getEncoder().encodeToString(("\0" + server.username() + "\0"
                        + (server.password() == null ? "" : server.password())).getBytes(StandardCharsets.UTF_8));
                session.command("AUTH PLAIN " + token, 235, "the login (AUTH)");
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.closeQuietly();
            throw e;
        }
    }

    /** Connects, reads the greeting (over TLS for implicit TLS) and says QUIT; sends no mail. */
    public static void probe(Server server, boolean loopbackAllowed, PublicAddress.Resolver resolver, Duration timeout)
            throws IOException {
        SmtpSession session = connect(server, loopbackAllowed, resolver, timeout);
        try {
            session.expect(220, "the connection");
        } finally {
            session.close();
        }
    }

    private static SmtpSession connect(Server server, boolean loopbackAllowed, PublicAddress.Resolver resolver,
                                       Duration timeout) throws IOException {
        InetAddress address;
        try {
            address = PublicAddress.resolveSmtp(server.host(), server.port(), loopbackAllowed, resolver);
        } catch (PublicAddress.Refused e) {
            throw new NotAllowed(e.field(), e.getMessage());
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, server.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            return new SmtpSession(server.mode().equals("TLS") ? tls(plain, server) : plain);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** TLS over the connected socket, on the configured host name (SNI and certificate check). */
    private static SSLSocket tls(Socket plain, Server server) throws IOException {
        String name = server.host().strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        SSLSocket tls;
        try {
            tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, name, server.port(), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS available", e);
        }
        SSLParameters parameters = tls.getSSLParameters();
        // "HTTPS" is the JDK's RFC 2818/6125 host name check (wildcard only in the left-most label).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /**
     * One message: MAIL FROM, RCPT TO, DATA. {@code message} is the whole RFC 5322 text (header and body,
     * lines ending in LF or CRLF); lines are sent with CRLF and dot-stuffed (RFC 5321 §4.5.2). After a
     * refusal the transaction is reset, so the session can carry the next message.
     */
    public void send(String from, String to, String message) throws IOException {
        if (!isSafe(from) || from.contains(">")) {
            throw new NotAllowed("fromEmail", "the sender address must not contain line breaks");
        }
        if (!isSafe(to) || to.contains(">")) {
            throw new NotAllowed("to", "the recipient address must not contain line breaks");
        }
        try {
            command("MAIL FROM:<" + from + ">", 250, "the sender (MAIL FROM)");
            command("RCPT TO:<" + to + ">", 250, "the recipient (RCPT TO)");
            command("DATA", 354, "DATA");
            String text = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
            StringBuilder data = new StringBuilder(text.length() + 64);
            for (String line : text.split("\n", -1)) {
                String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                data.append(l.startsWith(".") ? "." : "").append(l).append("\r\n");
            }
            data.append(".");
            command(data.toString(), 250, "the message (DATA)");
        } catch (Refused e) {
            try {
                command("RSET", 250, "RSET");
            } catch (IOException ignored) {
                // the next message will find out
            }
            throw e;
        }
    }

    private void command(String line, int expected, String step) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(expected, step);
    }

    private void expect(int expected, String step) throws IOException {
        String reply;
        int lines = 0;
        do {
            reply = readLine();
            if (reply == null) {
                throw new Refused(step + " (closed the connection)", -1);
            }
            if (++lines > MAX_REPLY_LINES) {
                throw new Refused(step + " (endless reply)", -1);
            }
        } while (reply.length() > 3 && reply.charAt(3) == '-');   // multi-line replies
        int code = code(reply);
        if (code != expected) {
            throw new Refused(step, code);
        }
    }

    /** One reply line without its CRLF; null at the end of the stream. Bounded: a server cannot fill our memory. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(80);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_REPLY_LINE) {
                throw new Refused("a reply (line too long)", -1);
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static int code(String reply) {
        if (reply.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(reply.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(reply.substring(0, 3));
    }

    /** Says QUIT (best effort) and closes. */
    @Override
    public void close() {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
