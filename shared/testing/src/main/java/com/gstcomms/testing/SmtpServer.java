package com.gstcomms.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * GreenMail in this JVM: an SMTP server that keeps every message it receives. It takes mail with or
 * without authentication; AUTH PLAIN/LOGIN succeed for {@link #username()}/{@link #password()}.
 */
public final class SmtpServer implements AutoCloseable {

    private static final String USER = "gstcomms";
    private static final String PASSWORD = "gstcomms-smtp-secret";

    private final GreenMail greenMail;

    private SmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static SmtpServer start() {
        ServerSetup smtp = new ServerSetup(0, Loopback.HOST, ServerSetup.PROTOCOL_SMTP).dynamicPort();
        GreenMail greenMail = new GreenMail(smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        greenMail.start();
        return new SmtpServer(greenMail);
    }

    public String host() {
        return Loopback.HOST;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Every message received since the start or the last {@link #reset()}, oldest first. */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /**
     * Waits until at least {@code count} messages have arrived and returns them all; fails with an
     * {@link AssertionError} naming what did arrive if the time runs out.
     */
    public List<MimeMessage> waitForMessages(int count, Duration timeout) {
        if (!greenMail.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("expected " + count + " message(s) within " + timeout + " but got "
                    + receivedMessages().size());
        }
        return receivedMessages();
    }

    /** Forgets all messages (call it before each test that counts them). */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not purge GreenMail mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "GreenMail SMTP on " + Loopback.HOST + ":" + port();
    }
}
