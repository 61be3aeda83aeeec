package com.gstcomms.providers.twilio;

import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one Twilio client against the stand-in: what the WhatsApp function and the API's probes rely on. */
class TwilioMessagesTest {

    private static final String OTHER = "AC" + "2".repeat(32);
    private static final String OTHER_TOKEN = "e".repeat(32);

    private final TwilioStandIn standIn = LocalServers.twilio();
    private final TwilioMessages messages = new TwilioMessages(new TwilioApiConfig() {
        @Override
        public Optional<String> baseUrl() {
            return Optional.of(standIn.baseUrl());
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(10);
        }
    });

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void sendsAFreeFormWhatsAppWithBasicAuthAndGivesTwiliosSid() {
        String sid = messages.send(standIn.accountSid(), standIn.authToken(), OutgoingMessage.freeForm(
                "whatsapp:+919876543210", "whatsapp:+14155238886", "Your invoice", null, "https://api.test/cb"));

        assertThat(sid).startsWith("SM");
        assertThat(standIn.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("whatsapp:+919876543210");
            assertThat(m.body()).isEqualTo("Your invoice");
            assertThat(m.statusCallback()).isEqualTo("https://api.test/cb");
        });
    }

    @Test
    void aRefusalCarriesTwiliosCodeAndStatusAndIsTriedOnce() {
        standIn.failNextWith(503, 20503, "Service Unavailable");

        assertThatThrownBy(() -> messages.send(standIn.accountSid(), standIn.authToken(), OutgoingMessage.freeForm(
                "whatsapp:+919876543210", "whatsapp:+14155238886", "hi", null, null)))
                .isInstanceOfSatisfying(TwilioRefusal.class, r -> {
                    assertThat(r.code()).isEqualTo(20503);
                    assertThat(r.httpStatus()).isEqualTo(503);
                });
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void checksAnAccountsCredentialsWithoutSending() {
        assertThat(messages.checkAccount(standIn.accountSid(), standIn.authToken()))
                .isEqualTo(TwilioMessages.Credentials.ACCEPTED);
        assertThat(messages.checkAccount(standIn.accountSid(), "wrong-token"))
                .isEqualTo(TwilioMessages.Credentials.REFUSED);
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void aSenderIsOwnedOnlyByItsOwnAccount() {
        standIn.addAccount(OTHER, OTHER_TOKEN);
        standIn.addNumber(OTHER, "+912240002222");

        assertThat(messages.senderOwned(OTHER, OTHER_TOKEN, "+912240002222")).isEqualTo(TwilioMessages.SenderCheck.OWNED);
        assertThat(messages.senderOwned(standIn.accountSid(), standIn.authToken(), "+912240002222"))
                .isEqualTo(TwilioMessages.SenderCheck.NOT_OWNED);
        assertThat(messages.senderOwned(OTHER, "0".repeat(32), "+912240002222"))
                .isEqualTo(TwilioMessages.SenderCheck.CREDENTIALS_REFUSED);
    }

    @Test
    void noAnswerIsUnreachable() {
        TwilioMessages nowhere = new TwilioMessages(new TwilioApiConfig() {
            @Override
            public Optional<String> baseUrl() {
                return Optional.of("http://127.0.0.1:9");
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        });
        assertThat(nowhere.senderOwned(standIn.accountSid(), standIn.authToken(), "+912240002222"))
                .isEqualTo(TwilioMessages.SenderCheck.UNREACHABLE);
        assertThatThrownBy(() -> nowhere.checkAccount(standIn.accountSid(), standIn.authToken()))
                .isInstanceOfSatisfying(TwilioRefusal.class, r -> assertThat(r.httpStatus()).isNull());
    }
}
