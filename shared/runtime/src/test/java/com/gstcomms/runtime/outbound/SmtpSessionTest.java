package com.gstcomms.runtime.outbound;

import com.gstcomms.core.net.PublicAddress;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SmtpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connect-time half of issue 15 §4: what SmtpSession checks when it actually connects. */
class SmtpSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static InetAddress address(String host, int... bytes) throws java.net.UnknownHostException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return InetAddress.getByAddress(host, b);
    }

    @Test
    void refusesANameThatResolvedPubliclyWhenSavedButToLoopbackWhenConnecting() throws Exception {
        // DNS rebinding: the first answer (when the settings were saved) is public, the next one loopback.
        AtomicInteger lookups = new AtomicInteger();
        PublicAddress.Resolver rebinding = host -> new InetAddress[]{lookups.getAndIncrement() == 0
                ? address(host, 93, 184, 216, 34) : address(host, 127, 0, 0, 1)};
        assertThat(PublicAddress.resolveSmtp("smtp.rebind.example", 587, false, rebinding).getHostAddress())
                .isEqualTo("93.184.216.34");
        try (ServerSocket inner = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            inner.setSoTimeout(300);
            SmtpSession.Server server = new SmtpSession.Server("smtp.rebind.example", 587, "NONE", null, null);
            assertThatThrownBy(() -> SmtpSession.open(server, false, rebinding, TIMEOUT))
                    .isInstanceOfSatisfying(SmtpSession.NotAllowed.class, e -> assertThat(e.field()).isEqualTo("host"))
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> SmtpSession.probe(server, false, rebinding, TIMEOUT))
                    .isInstanceOf(SmtpSession.NotAllowed.class);
            assertThatThrownBy(inner::accept).as("nothing connected").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void connectsToTheAddressItCheckedAndResolvesOnlyOnce() throws Exception {
        SmtpServer smtp = LocalServers.smtp();
        smtp.reset();
        // Only the first answer may be used: a second lookup would get an inner address.
        AtomicInteger lookups = new AtomicInteger();
        PublicAddress.Resolver resolver = host -> new InetAddress[]{lookups.getAndIncrement() == 0
                ? InetAddress.getByName(smtp.host()) : address(host, 10, 0, 0, 1)};
        SmtpSession.Server server = new SmtpSession.Server("mail.shop.example", smtp.port(), "NONE", smtp.username(), smtp.password());
        try (SmtpSession session = SmtpSession.open(server, true, resolver, TIMEOUT)) {
            session.send("shop@asha.example.in", "owner@asha.example.in",
                    "From: <shop@asha.example.in>\nTo: <owner@asha.example.in>\nSubject: checked\n\n.hello\n");
        }
        assertThat(lookups).hasValue(1);
        assertThat(smtp.waitForMessages(1, TIMEOUT).getFirst().getSubject()).isEqualTo("checked");
    }

    @Test
    void refusesLineBreaksInEveryFieldBeforeConnecting() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local.setSoTimeout(300);
            int port = local.getLocalPort();
            assertThatThrownBy(() -> SmtpSession.open(new SmtpSession.Server("127.0.0.1", port, "NONE",
                    "shop\r\nMAIL FROM:<ceo@bank.example>", "pw"), true, PublicAddress.DNS, TIMEOUT))
                    .isInstanceOfSatisfying(SmtpSession.NotAllowed.class, e -> assertThat(e.field()).isEqualTo("username"));
            assertThatThrownBy(() -> SmtpSession.open(new SmtpSession.Server("127.0.0.1", port, "NONE",
                    "shop", "pw\nRSET"), true, PublicAddress.DNS, TIMEOUT))
                    .isInstanceOfSatisfying(SmtpSession.NotAllowed.class, e -> assertThat(e.field()).isEqualTo("password"));
            assertThatThrownBy(local::accept).as("nothing connected").isInstanceOf(SocketTimeoutException.class);
        }
        SmtpServer smtp = LocalServers.smtp();
        try (SmtpSession session = SmtpSession.open(new SmtpSession.Server(smtp.host(), smtp.port(), "NONE", null, null),
                true, PublicAddress.DNS, TIMEOUT)) {
            assertThatThrownBy(() -> session.send("a@b.in>\r\nRCPT TO:<x@y.in", "c@d.in", "Subject: x\n\nx"))
                    .isInstanceOfSatisfying(SmtpSession.NotAllowed.class, e -> assertThat(e.field()).isEqualTo("fromEmail"));
        }
    }

    @Test
    void saysWhichStepFailedWithoutRepeatingWhatTheServerSaid() throws Exception {
        try (ServerSocket redis = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
                try (Socket s = redis.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("-ERR unknown command, redis_version:7.2.4 secret-banner\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client hung up
                }
            });
            SmtpSession.Server server = new SmtpSession.Server("127.0.0.1", redis.getLocalPort(), "NONE", null, null);
            assertThatThrownBy(() -> SmtpSession.probe(server, true, PublicAddress.DNS, TIMEOUT))
                    .isInstanceOf(SmtpSession.Refused.class)
                    .hasMessageNotContaining("redis").hasMessageNotContaining("secret-banner").hasMessageNotContaining("ERR");
            answering.get();
        }
    }

    /** A fake server that answers each line it reads with the next of {@code replies}. */
    private static ServerSocket scripted(String greeting, String... replies) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (String reply : replies) {
                    if (in.readLine() == null) {
                        return;
                    }
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                in.readLine();
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        return server;
    }

    @Test
    void refusesPlainTextSentAfterTheStartTlsReply() throws Exception {
        // RFC 3207 §5: what follows "220 go ahead" before the handshake would pass for TLS-protected replies.
        try (ServerSocket server = scripted("220 mail.example ESMTP\r\n", "250 mail.example\r\n",
                "220 go ahead\r\n235 2.7.0 injected\r\n")) {
            assertThatThrownBy(() -> SmtpSession.open(new SmtpSession.Server("127.0.0.1", server.getLocalPort(), "STARTTLS",
                    null, null), true, PublicAddress.DNS, TIMEOUT))
                    .isInstanceOf(SmtpSession.Refused.class).hasMessageContaining("before the TLS handshake");
        }
    }

    @Test
    void givesUpOnAReplyWithoutEnd() throws Exception {
        try (ServerSocket server = scripted("220-" + "x".repeat(10_000) + "\r\n220 ok\r\n")) {
            assertThatThrownBy(() -> SmtpSession.probe(new SmtpSession.Server("127.0.0.1", server.getLocalPort(), "NONE",
                    null, null), true, PublicAddress.DNS, TIMEOUT))
                    .isInstanceOf(SmtpSession.Refused.class).hasMessageContaining("too long");
        }
    }
}
