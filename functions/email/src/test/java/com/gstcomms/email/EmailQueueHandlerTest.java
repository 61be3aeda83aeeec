package com.gstcomms.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.templates.MessageKinds;
import com.gstcomms.templates.MessageTemplates;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/** Sending one email: through the Lambda mock event server, to the SendGrid stand-in and GreenMail. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3,smtp,sendgrid"))
class EmailQueueHandlerTest {

    @Inject
    ObjectStore store;

    @Inject
    ProviderCredentials credentials;

    @Inject
    EmailDelivery delivery;

    @ConfigProperty(name = "gstcomms.queues.email")
    String emailQueue;

    SendGridStandIn sendGrid;
    Shop shop;

    @BeforeEach
    void reset() {
        sendGrid = LocalServers.sendGrid();
        sendGrid.reset();
        LocalServers.smtp().reset();
        shop = Fixtures.shop();
    }

    @Test
    void deliversAnInvoiceWithTheByteIdenticalPdfThroughSendGrid() {
        byte[] pdf = pdf(40_000);
        String key = "invoices/" + shop.id + "/2025-26/INV-2025-26-0042.pdf";
        store.put(key, pdf, "application/pdf");
        Notification n = Fixtures.queued(shop.id, MessageKinds.INVOICE_DELIVERY, "en", "asha@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.toEmails()).containsExactly("asha@example.in");
            assertThat(mail.subject()).isEqualTo("Tax invoice INV/2025-26/0042 from Kala Handlooms");
            assertThat(mail.fromEmail()).isEqualTo("noreply@gstcomms.test");
            assertThat(mail.json().path("reply_to").path("email").asText()).isEqualTo("accounts@kala.example.in");
            assertThat(mail.customArgs()).containsEntry("notificationId", Long.toString(n.id))
                    .containsEntry("shopId", Long.toString(shop.id));
            assertThat(mail.json().path("categories").get(0).asText()).isEqualTo("invoice_delivery");
            JsonNode attachment = mail.json().path("attachments").get(0);
            assertThat(attachment.path("filename").asText()).isEqualTo("INV-2025-26-0042.pdf");
            assertThat(attachment.path("type").asText()).isEqualTo("application/pdf");
            assertThat(Base64.getDecoder().decode(attachment.path("content").asText())).isEqualTo(pdf);
            assertThat(mail.content("text/plain")).contains("INV/2025-26/0042");
            // transactional mail has no unsubscribe header
            assertThat(mail.json().path("headers").has(EmailDelivery.LIST_UNSUBSCRIBE)).isFalse();
        });
        Notification sent = Fixtures.reload(n.id);
        assertThat(sent.status).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.provider).isEqualTo("SENDGRID");
        assertThat(sent.providerMessageId).isEqualTo(sendGrid.sent().getFirst().messageId());
    }

    @Test
    void fallsBackToSmtpWithTheSamePdfWhenSendGridAnswers503() throws Exception {
        byte[] pdf = pdf(25_000);
        String key = "invoices/" + shop.id + "/2025-26/INV-7.pdf";
        store.put(key, pdf, "application/pdf");
        Notification n = Fixtures.queued(shop.id, MessageKinds.INVOICE_DELIVERY, "en", "ravi@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);
        sendGrid.failNext(503);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        MimeMessage mail = LocalServers.smtp().waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Tax invoice INV/2025-26/0042 from Kala Handlooms");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ravi@example.in");
        assertThat(attachmentBytes(mail, "INV-7.pdf")).isEqualTo(pdf);
        Notification sent = Fixtures.reload(n.id);
        assertThat(sent.status).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.provider).isEqualTo("SMTP");
        assertThat(sent.providerMessageId).isEqualTo(mail.getMessageID());
    }

    @Test
    void fallsBackToSmtpWhenSendGridDoesNotAnswerInTime() throws Exception {
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "meera@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        sendGrid.delayNext(Duration.ofMillis(2_500));   // the read timeout is 1 s in tests

        long started = System.nanoTime();
        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        MimeMessage mail = LocalServers.smtp().waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your Kala Handlooms order #1042 is confirmed");
        assertThat(Fixtures.reload(n.id).provider).isEqualTo("SMTP");
        assertThat(tookMillis).isLessThan(2_500);   // it did not wait for the hung SendGrid
    }

    @Test
    void retriesWithBackoffOn429AndThenSends() {
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "kabir@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        // A real message on the real queue, so the retry delay is applied to it (visibility timeout).
        var sqs = LocalServers.sqs().client();
        sqs.sendMessage(b -> b.queueUrl(emailQueue).messageBody(
                com.gstcomms.core.message.Commands.toJson(new SendEmail(shop.id, n.id, null))));
        Message received = sqs.receiveMessage(b -> b.queueUrl(emailQueue).maxNumberOfMessages(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .waitTimeSeconds(2)).messages().getFirst();
        String queueName = emailQueue.substring(emailQueue.lastIndexOf('/') + 1);
        var first = new SqsEvents.Message(received.messageId(), received.receiptHandle(), received.body(), 1, queueName);
        sendGrid.failNext(429);

        SqsEvents.invoke(List.of(first)).body("batchItemFailures.itemIdentifier", contains(received.messageId()));

        Notification waiting = Fixtures.reload(n.id);
        assertThat(waiting.status).isEqualTo(NotificationStatus.QUEUED);   // claim released for the retry
        assertThat(waiting.errorCode).isEqualTo("SENDGRID_RATE_LIMITED");
        assertThat(sendGrid.sent()).isEmpty();
        // hidden for the backoff (at least until SendGrid's X-RateLimit-Reset, a minute ahead): not back yet
        assertThat(sqs.receiveMessage(b -> b.queueUrl(emailQueue).waitTimeSeconds(1)).messages()).isEmpty();

        // SQS delivers it again later
        var second = new SqsEvents.Message(received.messageId(), received.receiptHandle(), received.body(), 2, queueName);
        SqsEvents.invoke(List.of(second)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).hasSize(1);
        Notification sent = Fixtures.reload(n.id);
        assertThat(sent.status).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts).isEqualTo(2);
        assertThat(sent.errorCode).isNull();
    }

    @Test
    void sendsNothingWhenTheSameCommandArrivesTwice() {
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "dev@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        SendEmail command = new SendEmail(shop.id, n.id, null);

        SqsEvents.invoke(command).body("batchItemFailures", empty());
        SqsEvents.invoke(command).body("batchItemFailures", empty());
        // and twice within one batch
        SqsEvents.invoke(List.of(SqsEvents.Message.of(command), SqsEvents.Message.of(command)))
                .body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).hasSize(1);
        assertThat(Fixtures.reload(n.id).attempts).isEqualTo(1);
    }

    @Test
    void sendsOneEmailWhenTwoWorkersGetTheSameCommandAtOnce() throws Exception {
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "zoya@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        SendEmail command = new SendEmail(shop.id, n.id, null);
        sendGrid.delayNext(Duration.ofMillis(500));   // keep the first send in flight while the second arrives
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String messageId = "worker-" + i;
                outcomes.add(workers.submit(() -> {
                    start.await();
                    try {
                        delivery.deliver(command, new SqsBatch.Delivery(messageId, 1, "arn:aws:sqs:ap-south-1:0:email"));
                        return "done";
                    } catch (RetryLater e) {
                        return "retry later";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }

            assertThat(sendGrid.sent()).hasSize(1);
            assertThat(Fixtures.reload(n.id).status).isEqualTo(NotificationStatus.SENT);
            assertThat(Fixtures.reload(n.id).attempts).isEqualTo(1);
            // the loser either saw the row being sent (and comes back after the lease) or already sent
            assertThat(results).contains("done").allMatch(r -> r.equals("done") || r.equals("retry later"));
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void doesNotSendToASuppressedRecipient() {
        Suppression s = new Suppression();
        s.shopId = shop.id;
        s.channel = com.gstcomms.runtime.data.Channel.EMAIL;
        s.address = "neha@example.in";
        s.reason = Suppression.Reason.UNSUBSCRIBED;
        s.source = "list-unsubscribe";
        inTransaction(s::persist);
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "Neha@Example.IN",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Notification suppressed = Fixtures.reload(n.id);
        assertThat(suppressed.status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(suppressed.errorCode).isEqualTo("SUPPRESSED_UNSUBSCRIBED");
        assertThat(suppressed.errorMessage).contains("neha@example.in").contains("unsubscribed");
    }

    @Test
    void rendersTheHindiTemplateForAHindiSpeakingCustomer() {
        Notification n = Fixtures.queued(shop.id, MessageKinds.PAYMENT_REMINDER, "hi", "sunita@example.in",
                MessageTemplates.sampleVariables(MessageKinds.PAYMENT_REMINDER));

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("बकाया: Kala Handlooms की इनवॉइस INV/2025-26/0042 के भुगतान का अनुस्मारक");
            assertThat(mail.content("text/html")).contains("<html lang=\"hi\"").contains("7 दिन से बकाया है");
            assertThat(mail.content("text/plain")).contains("UPI से अभी भुगतान करें");
        });
    }

    @Test
    void escapesHtmlInjectedThroughAVariable() {
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        variables.put("customerName", "<img src=x onerror=alert(document.cookie)>");
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "test@example.in", variables);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).singleElement().satisfies(mail -> assertThat(mail.content("text/html"))
                .doesNotContain("<img").contains("Dear &lt;img src=x onerror=alert(document.cookie)&gt;,"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a variable the subject prints | subject-variable",
            "the subject given with the request | notification-subject"})
    void refusesASubjectWithALineBreak(String where, String how) {
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.CAMPAIGN));
        if (how.equals("subject-variable")) {
            variables.put("subject", "Diwali sale\r\nBcc: everyone@example.com");
        }
        Notification n = Fixtures.queued(shop.id, MessageKinds.CAMPAIGN, "en", "test@example.in", variables);
        if (how.equals("notification-subject")) {
            n.subject = "Diwali sale\nBcc: everyone@example.com";
            inTransaction(() -> Notification.update("subject = ?1 where id = ?2", n.subject, n.id));
        }

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Notification failed = Fixtures.reload(n.id);
        assertThat(failed.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.errorCode).isEqualTo("TEMPLATE_UNSAFE_SUBJECT");
        assertThat(failed.errorMessage).contains("line break");
    }

    @Test
    void failsForGoodWithoutNamingTheKeyWhenSendGridRejectsTheShopsKey() {
        String badKey = "SG.shopKeyThatWasRevoked.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        inTransaction(() -> credentials.save(shop.id, Provider.SENDGRID, "{\"fromEmail\":\"sales@kala.example.in\"}", badKey));
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "test@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());   // not retried

        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();   // a bad key is not a SendGrid outage
        Notification failed = Fixtures.reload(n.id);
        assertThat(failed.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.errorCode).isEqualTo("SENDGRID_UNAUTHORIZED");
        assertThat(failed.errorMessage).contains("the shop's API key").contains("401")
                .doesNotContain(badKey).doesNotContain("SG.").doesNotContain("DEFG");
    }

    @Test
    void usesTheShopsOwnSmtpServerWhenSendGridIsDown() throws Exception {
        var smtpServer = LocalServers.smtp();
        inTransaction(() -> credentials.save(shop.id, Provider.SMTP, Fixtures.json(Map.of(
                "host", smtpServer.host(), "port", smtpServer.port(), "username", smtpServer.username(),
                "security", "NONE", "fromEmail", "billing@kala.example.in")), smtpServer.password()));
        Notification n = Fixtures.queued(shop.id, MessageKinds.SHIPPING_UPDATE, "en", "arjun@example.in",
                MessageTemplates.sampleVariables(MessageKinds.SHIPPING_UPDATE));
        sendGrid.failNext(502);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        MimeMessage mail = smtpServer.waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getFrom()[0].toString()).contains("billing@kala.example.in").contains("Kala Handlooms");
        assertThat(mail.getSubject()).isEqualTo("Your Kala Handlooms order #1042: shipped");
        assertThat(Fixtures.reload(n.id).provider).isEqualTo("SMTP");
    }

    @Test
    void refusesBeforeSendingAMessageOverSendGrids30MbLimit() {
        String key = "invoices/" + shop.id + "/2025-26/HUGE.pdf";
        store.put(key, new byte[23 * 1024 * 1024], "application/pdf");   // 30.7 MB once base64-encoded
        Notification n = Fixtures.queued(shop.id, MessageKinds.INVOICE_DELIVERY, "en", "big@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Notification failed = Fixtures.reload(n.id);
        assertThat(failed.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.errorCode).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(failed.errorMessage).contains("30.0 MB");
    }

    @Test
    void refusesAnAttachmentOfAnotherShop() {
        Shop other = Fixtures.shop();
        String key = "invoices/" + other.id + "/2025-26/INV-1.pdf";
        store.put(key, pdf(1_000), "application/pdf");
        Notification n = Fixtures.queued(shop.id, MessageKinds.INVOICE_DELIVERY, "en", "x@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(Fixtures.reload(n.id).errorCode).isEqualTo("ATTACHMENT_NOT_OWNED");
    }

    @Test
    void aCommandForAnotherShopsNotificationSendsNothing() {
        Shop other = Fixtures.shop();
        Notification n = Fixtures.queued(other.id, MessageKinds.ORDER_CONFIRMATION, "en", "x@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop.id, n.id, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(Fixtures.reload(n.id).status).isEqualTo(NotificationStatus.QUEUED);
    }

    @Test
    void aMalformedCommandIsReportedFailedWithoutStoppingItsBatchMates() {
        Notification n = Fixtures.queued(shop.id, MessageKinds.ORDER_CONFIRMATION, "en", "ok@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        var bad = new SqsEvents.Message("bad-1", "h", "{\"type\":\"send-email\",\"version\":1,\"shopId\":1}", 1, "email");

        SqsEvents.invoke(List.of(bad, SqsEvents.Message.of(new SendEmail(shop.id, n.id, null))))
                .body("batchItemFailures.itemIdentifier", contains("bad-1"));

        assertThat(sendGrid.sent()).hasSize(1);
    }

    /** Bytes that look like a PDF and contain every byte value, so any re-encoding would show. */
    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < size; i++) {
            bytes[i] = i < head.length ? head[i] : (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static byte[] attachmentBytes(MimeMessage mail, String filename) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (filename.equals(part.getFileName())) {
                try (InputStream in = part.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no attachment " + filename);
    }
}
