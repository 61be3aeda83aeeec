package com.gstcomms.api.providers;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * Sends the provider test message through the shop's SMTP server with a plain SMTP dialogue (RFC 5321):
 * EHLO, STARTTLS or implicit TLS as configured, AUTH PLAIN when a user is set, one short text message.
 * Only for the test: real mail goes through the email function.
 */
final class SmtpTestMail {

    private SmtpTestMail() {
    }

    static ProviderProbes.Result send(String host, int port, String security, String username, String password,
                                      String from, String to, String subject, String text) {
        try (Socket plain = "TLS".equals(security) ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) ProviderProbes.TIMEOUT.toMillis());
            plain.setSoTimeout((int) ProviderProbes.TIMEOUT.toMillis());
            Dialogue d = new Dialogue(plain);
            d.expect(220);
            d.command("EHLO gstcomms.app", 250);
            if ("STARTTLS".equals(security)) {
                d.command("STARTTLS", 220);
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, host, port, true);
                tls.startHandshake();
                d = new Dialogue(tls);
                d.command("EHLO gstcomms.app", 250);
            }
            if (username != null && !username.isBlank()) {
                String token = Base64.getEncoder().encodeToString(("\0" + username + "\0" + (password == null ? "" : password))
                        .getBytes(StandardCharsets.UTF_8));
                d.command("AUTH PLAIN " + token, 235);
            }
            d.command("MAIL FROM:<" + from + ">", 250);
            d.command("RCPT TO:<" + to + ">", 250);
            d.command("DATA", 354);
            String id = UUID.randomUUID() + "@gstcomms.app";
            d.command("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n"
                    + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n.", 250);
            d.command("QUIT", 221);
            return new ProviderProbes.Result(true, id, "accepted by " + host);
        } catch (SmtpRefused e) {
            return new ProviderProbes.Result(false, null, e.getMessage());
        } catch (IOException e) {
            return new ProviderProbes.Result(false, null, "SMTP server " + host + ":" + port + " could not be reached: "
                    + e.getClass().getSimpleName());
        }
    }

    private static final class SmtpRefused extends IOException {
        SmtpRefused(String message) {
            super(message);
        }
    }

    private static final class Dialogue {
        private final BufferedReader in;
        private final OutputStream out;

        Dialogue(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void command(String line, int expected) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Never echo AUTH lines (they carry the password), only what the server answered.
            expect(expected, line.startsWith("AUTH") ? "AUTH" : line.split("[ :\r]", 2)[0]);
        }

        void expect(int expected) throws IOException {
            expect(expected, "greeting");
        }

        private void expect(int expected, String step) throws IOException {
            String reply;
            do {
                reply = in.readLine();
                if (reply == null) {
                    throw new SmtpRefused("the SMTP server closed the connection after " + step);
                }
            } while (reply.length() > 3 && reply.charAt(3) == '-');   // multi-line replies
            if (!reply.startsWith(Integer.toString(expected))) {
                throw new SmtpRefused("the SMTP server refused " + step + ": " + reply);
            }
        }
    }
}
