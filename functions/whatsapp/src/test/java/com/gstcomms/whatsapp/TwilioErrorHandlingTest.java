package com.gstcomms.whatsapp;

import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.TwilioStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static com.gstcomms.whatsapp.LambdaInvocations.invoke;
import static com.gstcomms.whatsapp.TestShop.newContentSid;
import static com.gstcomms.whatsapp.TestShop.reload;
import static org.assertj.core.api.Assertions.assertThat;

/** How Twilio's answers are handled: 63016 resend, permanent vs retried errors, auth, STOP, email fallback. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false, initArgs =
        @ResourceArg(name = "only", value = "postgres,sqs,s3,twilio"))
class TwilioErrorHandlingTest {

    @Inject
    ProviderCredentials credentials;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "gstcomms.queues.whatsapp")
    String whatsappQueue;

    @ConfigProperty(name = "gstcomms.queues.email")
    String emailQueue;

    TwilioStandIn twilio = LocalServers.twilio();

    @BeforeEach
    void resetTwilio() {
        twilio.reset();
    }

    @Test
    void resendsAsTheApprovedTemplateWhenTwilioSaysTheWindowHasClosed() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(3));
        String contentSid = newContentSid();
        shop.template("SHIPPING_UPDATE", contentSid, "Shipped: {orderNumber}", "orderNumber");
        Notification n = shop.notification(asha, "SHIPPING_UPDATE", """
                {"orderNumber": "#2001"}""");
        twilio.failNextWith(400, 63016, "Failed to send freeform message because you are outside the allowed window. "
                + "If you are using WhatsApp, please use a Message Template.");

        assertThat(invoke(n)).isEmpty();

        // The free-form attempt was refused (the stand-in keeps only accepted messages); the one that went is
        // the template, and no free text was sent again.
        assertThat(twilio.sent()).singleElement().satisfies(m -> {
            assertThat(m.contentSid()).isEqualTo(contentSid);
            assertThat(m.contentVariables()).isEqualTo("{\"1\":\"#2001\"}");
            assertThat(m.body()).isNull();
        });
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void failsOn63016WhenThereIsNoApprovedTemplateInsteadOfSendingTextAgain() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(3));
        shop.template("SHIPPING_UPDATE", null, "Shipped!");
        Notification n = shop.notification(asha, "SHIPPING_UPDATE", "{}");
        twilio.failNextWith(400, 63016, "Failed to send freeform message because you are outside the allowed window.");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("63016");
        assertThat(back.errorMessage).contains("outside the allowed window").contains("no approved Content template");
    }

    @ParameterizedTest(name = "Twilio {0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "21211 | Invalid 'To' Phone Number",
            "21614 | 'To' number is not a valid mobile number",
            "63003 | Channel could not find To address",
    })
    void failsForGoodWhenTheNumberCannotReceiveWhatsApp(int code, String message) {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", "{}");
        twilio.rejectRecipient("whatsapp:" + asha.phone, code, message);

        assertThat(invoke(n)).as("a permanent error is not retried").isEmpty();
        assertThat(invoke(n, 2)).isEmpty();

        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.provider).isEqualTo("TWILIO");
        assertThat(back.errorCode).isEqualTo(Integer.toString(code));
        assertThat(back.errorMessage).isEqualTo(message);
        assertThat(back.attempts).isEqualTo(1);
        assertThat(twilio.sent()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0}, Twilio {1}")
    @CsvSource({
            "429, 20429, Too Many Requests",
            "429, 63018, Rate limit exceeded for Channel",
            "400, 63119, Try again later",
            "500, 20500, Internal Server Error",
            "503, 20503, Service Unavailable",
    })
    void retriesThrottlingAndTwilioTroubleWithTheClaimReleased(int status, int code, String message) {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", "{}");
        twilio.failNextWith(status, code, message);

        List<String> failed = invoke(n);

        assertThat(failed).as("reported failed, so SQS delivers it again").hasSize(1);
        assertThat(twilio.sent()).as("one attempt per delivery: neither the SDK nor HTTP client retried").isEmpty();
        Notification released = reload(n);
        assertThat(released.status).isEqualTo(NotificationStatus.QUEUED);
        assertThat(released.errorCode).isEqualTo(Integer.toString(code));
        assertThat(released.errorMessage).isEqualTo(message);

        assertThat(invoke(n, 2)).isEmpty();

        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SENT);
        assertThat(back.errorCode).isNull();
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    void backsOffThroughTheQueuesVisibilityTimeoutAndSendsOnTheNextDelivery() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", "{}");
        QueuePoller queue = new QueuePoller(sqs, whatsappQueue, LocalServers.sqs().queueArn(whatsappQueue));
        queue.send(List.of(n));
        twilio.failNextWith(429, 20429, "Too Many Requests");

        assertThat(queue.pollOnce(QueuePoller.MOCK_EVENT_SERVER, 5)).isEqualTo(1);

        // Hidden for the backoff (10 s base on the first receive), not deleted, not visible at once.
        assertThat(queue.hiddenMessages()).isEqualTo(1);
        assertThat(queue.pollOnce(QueuePoller.MOCK_EVENT_SERVER, 1)).isZero();
        assertThat(twilio.sent()).isEmpty();

        // Let the backoff pass, and the second delivery sends it.
        queue.endBackoffOfFailed();
        assertThat(queue.pollOnce(QueuePoller.MOCK_EVENT_SERVER, 5)).isEqualTo(1);
        assertThat(twilio.sent()).hasSize(1);
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SENT);
        assertThat(back.attempts).isEqualTo(2);
        assertThat(queue.visibleMessages() + queue.hiddenMessages()).isZero();
    }

    @Test
    void givesUpAfterTheLastAttemptAndFallsBackToEmail() {
        TestShop shop = TestShop.withEmailFallback();
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", "{}");
        twilio.failNextWith(500, 20500, "Internal Server Error");

        assertThat(invoke(n, 5)).as("not retried again: the queue would dead-letter it").isEmpty();

        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("20500");
        assertThat(back.errorMessage).startsWith("Gave up after 5 attempts");
        assertThat(emailFallbackOf(n)).isPresent();
    }

    @Test
    void failsOnRefusedCredentialsAndShowsItOnTheShopsTwilioSettingsWithoutTheToken() {
        TestShop.TwilioAccount account = TestShop.TwilioAccount.newAt(twilio);
        String staleToken = "stale" + UUID.randomUUID().toString().replace("-", "");
        TestShop shop = TestShop.create();
        shop.saveTwilioSettings(credentials, account.accountSid(), staleToken, "+912240001234", null);
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification first = shop.notification(asha, "ORDER_CONFIRMATION", "{}");

        assertThat(invoke(first)).as("an auth error is permanent: not retried").isEmpty();

        Notification failed = reload(first);
        assertThat(failed.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.errorCode).isEqualTo("20003");
        assertThat(failed.errorMessage).isEqualTo("Authenticate").doesNotContain(staleToken);
        ShopCredential status = inTransaction(() -> ShopCredential.findFor(shop.id(), ShopCredential.Provider.TWILIO));
        assertThat(status.status).isEqualTo("AUTH_FAILED");
        assertThat(status.lastError).isEqualTo("Twilio 20003: Authenticate").doesNotContain(staleToken);
        assertThat(status.lastCheckedAt).isNotNull();

        // The merchant saves the right token: the next message goes, and the settings show OK again.
        shop.saveTwilioSettings(credentials, account.accountSid(), account.authToken(), "+912240001234", null);
        Notification second = shop.notification(asha, "ORDER_CONFIRMATION", "{}");
        assertThat(invoke(second)).isEmpty();
        assertThat(reload(second).status).isEqualTo(NotificationStatus.SENT);
        ShopCredential healthy = inTransaction(() -> ShopCredential.findFor(shop.id(), ShopCredential.Provider.TWILIO));
        assertThat(healthy.status).isEqualTo("OK");
        assertThat(healthy.lastError).isNull();
    }

    @Test
    void fallsBackToEmailWhenTheShopEnabledItAndWhatsAppFailedForGood() {
        TestShop shop = TestShop.withEmailFallback();
        Customer asha = shop.customer(null);
        shop.template("INVOICE", newContentSid(), null, "invoiceNumber");
        Notification n = shop.notification(asha, "INVOICE", """
                {"invoiceNumber": "INV-0099", "grandTotal": "1180.00"}""");
        inTransaction(() -> Notification.update("subject = 'Invoice INV-0099' where id = ?1", n.id));
        twilio.rejectRecipient("whatsapp:" + asha.phone, 63003, "Channel could not find To address");

        assertThat(invoke(n)).isEmpty();
        assertThat(invoke(n, 2)).as("a redelivery makes no second email").isEmpty();

        assertThat(reload(n).status).isEqualTo(NotificationStatus.FAILED);
        Notification email = emailFallbackOf(n).orElseThrow();
        assertThat(email.channel).isEqualTo(Channel.EMAIL);
        assertThat(email.status).isEqualTo(NotificationStatus.QUEUED);
        assertThat(email.recipient).isEqualTo(asha.email);
        assertThat(email.customerId).isEqualTo(asha.id);
        assertThat(email.kind).isEqualTo("INVOICE");
        assertThat(email.subject).isEqualTo("Invoice INV-0099");
        assertThat(email.variables).contains("INV-0099").contains("1180.00");
        assertThat(inTransaction(() -> Notification.count("shopId = ?1 and channel = ?2", shop.id(), Channel.EMAIL)))
                .isEqualTo(1);
        assertThat(queuedEmailCommands()).contains(email.id);
    }

    @Test
    void doesNotFallBackWhenTheShopDidNotEnableIt() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("INVOICE", newContentSid(), null);
        Notification n = shop.notification(asha, "INVOICE", "{}");
        twilio.rejectRecipient("whatsapp:" + asha.phone, 63003, "Channel could not find To address");

        assertThat(invoke(n)).isEmpty();

        assertThat(reload(n).status).isEqualTo(NotificationStatus.FAILED);
        assertThat(emailFallbackOf(n)).isEmpty();
    }

    @Test
    void doesNotFallBackWhileTheErrorIsStillBeingRetried() {
        TestShop shop = TestShop.withEmailFallback();
        Customer asha = shop.customer(null);
        shop.template("INVOICE", newContentSid(), null);
        Notification n = shop.notification(asha, "INVOICE", "{}");
        twilio.failNextWith(429, 20429, "Too Many Requests");

        assertThat(invoke(n)).hasSize(1);

        assertThat(emailFallbackOf(n)).isEmpty();
    }

    @Test
    void recordsAStopThatTwilioReportsAndMessagesTheNumberNoMore() {
        TestShop shop = TestShop.withEmailFallback();
        Customer asha = shop.customer(null);
        shop.template("CAMPAIGN", newContentSid(), null);
        Notification first = shop.notification(asha, "CAMPAIGN", "{}");
        twilio.rejectRecipient("whatsapp:" + asha.phone, 21610, "Attempt to send to unsubscribed recipient");

        assertThat(invoke(first)).isEmpty();

        Notification back = reload(first);
        assertThat(back.status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(back.errorCode).isEqualTo("21610");
        assertThat(emailFallbackOf(first)).as("an opt-out is not a failure to work around").isEmpty();
        Suppression stop = inTransaction(() -> Suppression.findFor(shop.id(), Channel.WHATSAPP, asha.phone));
        assertThat(stop.reason).isEqualTo(Suppression.Reason.OPTED_OUT);

        twilio.reset();
        Notification second = shop.notification(asha, "CAMPAIGN", "{}");
        assertThat(invoke(second)).isEmpty();
        assertThat(reload(second).status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    void reportsACommandThatIsNotASendWhatsAppAsFailedForTheDeadLetterQueue() {
        List<String> failed = LambdaInvocations.invoke(List.of(
                new LambdaInvocations.Record("bad-1", "{\"type\":\"send-whatsapp\",\"version\":1}", 1, null)));

        assertThat(failed).containsExactly("bad-1");
        assertThat(twilio.sent()).isEmpty();
    }

    private static Optional<Notification> emailFallbackOf(Notification n) {
        return Optional.ofNullable(inTransaction(() -> Notification.<Notification>find(
                "shopId = ?1 and idempotencyKey = ?2", n.shopId, EmailFallback.idempotencyKey(n.id)).firstResult()));
    }

    /** Notification ids of the SendEmail commands waiting on the email queue. */
    private List<Long> queuedEmailCommands() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(emailQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                Command command = Commands.fromJson(m.body());
                if (command instanceof SendEmail send) {
                    ids.add(send.notificationId());
                }
            }
        }
        return ids;
    }
}
