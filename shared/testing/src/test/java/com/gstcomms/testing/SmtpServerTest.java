package com.gstcomms.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpServerTest {

    private final SmtpServer smtp = LocalServers.smtp();

    @BeforeEach
    void forgetEarlierMail() {
        smtp.reset();
    }

    @Test
    void receivesAMessageSentWithJakartaMail() throws Exception {
        send(session(false), "Invoice INV-7", "Please find your invoice attached.");

        List<MimeMessage> received = smtp.waitForMessages(1, Duration.ofSeconds(5));

        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("Invoice INV-7");
            assertThat(m.getFrom()[0].toString()).isEqualTo("noreply@gstcomms.test");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("buyer@example.com");
            assertThat(((String) m.getContent()).trim()).isEqualTo("Please find your invoice attached.");
        });
    }

    @Test
    void acceptsAuthenticatedSenders() throws Exception {
        send(session(true), "With auth", "hello");
        assertThat(smtp.waitForMessages(1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void resetForgetsAndWaitingForMoreThanArrivedFails() throws Exception {
        send(session(false), "one", "1");
        smtp.waitForMessages(1, Duration.ofSeconds(5));
        smtp.reset();
        assertThat(smtp.receivedMessages()).isEmpty();
        assertThatThrownBy(() -> smtp.waitForMessages(1, Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("got 0");
    }

    private Session session(boolean authenticate) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.auth", Boolean.toString(authenticate));
        return Session.getInstance(properties);
    }

    private void send(Session session, String subject, String text) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@gstcomms.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("buyer@example.com"));
        message.setSubject(subject);
        message.setText(text);
        if (session.getProperty("mail.smtp.auth").equals("true")) {
            Transport.send(message, smtp.username(), smtp.password());
        } else {
            Transport.send(message);
        }
    }
}
