package com.gstcomms.providers.sendgrid;

import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one SendGrid client against the stand-in: what the email function and the API's probes rely on. */
class SendGridMailSendTest {

    private final SendGridStandIn standIn = LocalServers.sendGrid();
    private final SendGridMailSend mailSend = new SendGridMailSend(new SendGridApiConfig() {
        @Override
        public String baseUrl() {
            return standIn.baseUrl();
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.empty();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofSeconds(10);
        }
    });

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void sendsWithTheBearerKeyAndGivesSendGridsMessageId() throws IOException {
        SendGridAnswer answer = mailSend.send(standIn.validApiKey(), """
                {"personalizations":[{"to":[{"email":"asha@example.in"}]}],"from":{"email":"shop@example.in"},
                 "subject":"Invoice","content":[{"type":"text/plain","value":"Hello"}]}""");

        assertThat(answer.accepted()).isTrue();
        assertThat(answer.messageId()).isNotBlank();
        assertThat(standIn.sent()).singleElement().satisfies(m -> {
            assertThat(m.apiKey()).isEqualTo(standIn.validApiKey());
            assertThat(m.toEmails()).containsExactly("asha@example.in");
        });
    }

    @Test
    void aRefusedMessageNamesSendGridsFieldErrors() throws IOException {
        SendGridAnswer answer = mailSend.send(standIn.validApiKey(), "{\"personalizations\":[]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errors()).isNotEqualTo("no details");
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void theKeyCheckSendsNothing() throws IOException {
        assertThat(mailSend.checkKey(standIn.validApiKey()).status()).isEqualTo(400);
        assertThat(mailSend.checkKey("SG.unknown").status()).isEqualTo(401);
        assertThat(standIn.sent()).isEmpty();
    }
}
