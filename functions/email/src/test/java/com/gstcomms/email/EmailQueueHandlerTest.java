package com.gstcomms.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.templates.MessageKinds;
import com.gstcomms.templates.MessageTemplates;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
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
import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/**
 * Sending one email: through the Lambda mock event server, to the SendGrid stand-in and GreenMail. Data
 * is set up and checked from outside the app (JDBC, S3, SQS, the stand-ins), so {@link EmailQueueHandlerIT}
 * reruns these tests against the packaged function; the few that need the app's beans are JVM-only.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3,smtp,sendgrid"))
class EmailQueueHandlerTest {

    /** JVM tests only (null in the integration test): beans of the app. */
    @Inject
    ProviderCredentials credentials;

    @Inject
    EmailDelivery delivery;

    final String emailQueue = appConfig("gstcomms.queues.email");

    SendGridStandIn sendGrid;
    long shop;

    @BeforeEach
    void reset() {
        sendGrid = LocalServers.sendGrid();
        sendGrid.reset();
        LocalServers.smtp().reset();
        shop = Fixtures.shopRow();
    }

    private static void store(String key, byte[] bytes) {
        LocalServers.s3().client().putObject(b -> b.bucket(appConfig("gstcomms.s3.bucket")).key(key)
                .contentType("application/pdf"), RequestBody.fromBytes(bytes));
    }

    @Test
    void deliversAnInvoiceWithTheByteIdenticalPdfThroughSendGrid() {
        byte[] pdf = pdf(40_000);
        String key = "invoices/" + shop + "/2025-26/INV-2025-26-0042.pdf";
        store(key, pdf);
        long n = Fixtures.queuedRow(shop, MessageKinds.INVOICE_DELIVERY, "en", "asha@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.toEmails()).containsExactly("asha@example.in");
            assertThat(mail.subject()).isEqualTo("Tax invoice INV/2025-26/0042 from Kala Handlooms");
            assertThat(mail.fromEmail()).isEqualTo("noreply@gstcomms.test");
            assertThat(mail.json().path("reply_to").path("email").asText()).isEqualTo("accounts@kala.example.in");
            assertThat(mail.customArgs()).containsEntry("notificationId", Long.toString(n))
                    .containsEntry("shopId", Long.toString(shop));
            assertThat(mail.json().path("categories").get(0).asText()).isEqualTo("invoice_delivery");
            JsonNode attachment = mail.json().path("attachments").get(0);
            assertThat(attachment.path("filename").asText()).isEqualTo("INV-2025-26-0042.pdf");
            assertThat(attachment.path("type").asText()).isEqualTo("application/pdf");
            assertThat(Base64.getDecoder().decode(attachment.path("content").asText())).isEqualTo(pdf);
            assertThat(mail.content("text/plain")).contains("INV/2025-26/0042");
            // transactional mail has no unsubscribe header
            assertThat(mail.json().path("headers").has(EmailDelivery.LIST_UNSUBSCRIBE)).isFalse();
        });
        Map<String, Object> sent = Fixtures.notificationRow(n);
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("provider")).isEqualTo("SENDGRID");
        assertThat(sent.get("provider_message_id")).isEqualTo(sendGrid.sent().getFirst().messageId());
    }

    @Test
    void fallsBackToSmtpWithTheSamePdfWhenSendGridAnswers503() throws Exception {
        byte[] pdf = pdf(25_000);
        String key = "invoices/" + shop + "/2025-26/INV-7.pdf";
        store(key, pdf);
        long n = Fixtures.queuedRow(shop, MessageKinds.INVOICE_DELIVERY, "en", "ravi@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);
        sendGrid.failNext(503);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        MimeMessage mail = LocalServers.smtp().waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Tax invoice INV/2025-26/0042 from Kala Handlooms");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ravi@example.in");
        assertThat(attachmentBytes(mail, "INV-7.pdf")).isEqualTo(pdf);
        Map<String, Object> sent = Fixtures.notificationRow(n);
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("provider")).isEqualTo("SMTP");
        assertThat(sent.get("provider_message_id")).isEqualTo(mail.getMessageID());
    }

    @Test
    void fallsBackToSmtpWhenSendGridDoesNotAnswerInTime() throws Exception {
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "meera@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        sendGrid.delayNext(Duration.ofMillis(2_500));   // the read timeout is 1 s in tests

        long started = System.nanoTime();
        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        MimeMessage mail = LocalServers.smtp().waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your Kala Handlooms order #1042 is confirmed");
        assertThat(Fixtures.notificationRow(n).get("provider")).isEqualTo("SMTP");
        assertThat(tookMillis).isLessThan(2_500);   // it did not wait for the hung SendGrid
    }

    @Test
    void retriesWithBackoffOn429AndThenSends() {
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "kabir@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        // A real message on the real queue, so the retry delay is applied to it (visibility timeout).
        var sqs = LocalServers.sqs().client();
        sqs.sendMessage(b -> b.queueUrl(emailQueue).messageBody(
                com.gstcomms.core.message.Commands.toJson(new SendEmail(shop, n, null))));
        Message received = sqs.receiveMessage(b -> b.queueUrl(emailQueue).maxNumberOfMessages(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .waitTimeSeconds(2)).messages().getFirst();
        String queueName = emailQueue.substring(emailQueue.lastIndexOf('/') + 1);
        var first = new SqsEvents.Message(received.messageId(), received.receiptHandle(), received.body(), 1, queueName);
        sendGrid.failNext(429);

        SqsEvents.invoke(List.of(first)).body("batchItemFailures.itemIdentifier", contains(received.messageId()));

        Map<String, Object> waiting = Fixtures.notificationRow(n);
        assertThat(waiting.get("status")).isEqualTo("QUEUED");   // claim released for the retry
        assertThat(waiting.get("error_code")).isEqualTo("SENDGRID_RATE_LIMITED");
        assertThat(sendGrid.sent()).isEmpty();
        // hidden for the backoff (at least until SendGrid's X-RateLimit-Reset, a minute ahead): not back yet
        assertThat(sqs.receiveMessage(b -> b.queueUrl(emailQueue).waitTimeSeconds(1)).messages()).isEmpty();

        // SQS delivers it again later
        var second = new SqsEvents.Message(received.messageId(), received.receiptHandle(), received.body(), 2, queueName);
        SqsEvents.invoke(List.of(second)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).hasSize(1);
        Map<String, Object> sent = Fixtures.notificationRow(n);
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("attempts")).isEqualTo(2);
        assertThat(sent.get("error_code")).isNull();
    }

    @Test
    void sendsNothingWhenTheSameCommandArrivesTwice() {
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "dev@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        SendEmail command = new SendEmail(shop, n, null);

        SqsEvents.invoke(command).body("batchItemFailures", empty());
        SqsEvents.invoke(command).body("batchItemFailures", empty());
        // and twice within one batch
        SqsEvents.invoke(List.of(SqsEvents.Message.of(command), SqsEvents.Message.of(command)))
                .body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).hasSize(1);
        assertThat(Fixtures.notificationRow(n).get("attempts")).isEqualTo(1);
    }

    @Test
    @DisabledOnIntegrationTest("calls the app's EmailDelivery bean from two threads")
    void sendsOneEmailWhenTwoWorkersGetTheSameCommandAtOnce() throws Exception {
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "zoya@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        SendEmail command = new SendEmail(shop, n, null);
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
            assertThat(Fixtures.notificationRow(n).get("status")).isEqualTo("SENT");
            assertThat(Fixtures.notificationRow(n).get("attempts")).isEqualTo(1);
            // the loser either saw the row being sent (and comes back after the lease) or already sent
            assertThat(results).contains("done").allMatch(r -> r.equals("done") || r.equals("retry later"));
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void doesNotSendToASuppressedRecipient() {
        Sql.ofApp().insert("suppression", "shop_id", shop, "channel", "EMAIL", "address", "neha@example.in",
                "reason", "UNSUBSCRIBED", "source", "list-unsubscribe");
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "Neha@Example.IN",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Map<String, Object> suppressed = Fixtures.notificationRow(n);
        assertThat(suppressed.get("status")).isEqualTo("SUPPRESSED");
        assertThat(suppressed.get("error_code")).isEqualTo("SUPPRESSED_UNSUBSCRIBED");
        assertThat((String) suppressed.get("error_message")).contains("neha@example.in").contains("unsubscribed");
    }

    @Test
    void rendersTheHindiTemplateForAHindiSpeakingCustomer() {
        long n = Fixtures.queuedRow(shop, MessageKinds.PAYMENT_REMINDER, "hi", "sunita@example.in",
                MessageTemplates.sampleVariables(MessageKinds.PAYMENT_REMINDER));

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

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
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "test@example.in", variables);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

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
        long n = Fixtures.queuedRow(shop, MessageKinds.CAMPAIGN, "en", "test@example.in", variables);
        if (how.equals("notification-subject")) {
            Sql.ofApp().update("update notification set subject = ? where id = ?", "Diwali sale\nBcc: everyone@example.com", n);
        }

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Map<String, Object> failed = Fixtures.notificationRow(n);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("TEMPLATE_UNSAFE_SUBJECT");
        assertThat((String) failed.get("error_message")).contains("line break");
    }

    @Test
    void aHostileShopTemplateFailsOnlyItsOwnMessagesAndReadsNoSecret() {
        // Stored straight into the table, as a template saved before the sandbox existed would be.
        Sql.ofApp().insert("template", "shop_id", shop, "channel", "EMAIL", "kind", MessageKinds.ORDER_CONFIRMATION,
                "locale", "en", "version", 1, "subject", "Order {orderRef}",
                "body_html", "<p>{config:['gstcomms.unsubscribe.secret']}{inject:emailDelivery}</p>", "created_by", "test");
        long hostile = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "a@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        long good = Fixtures.queuedRow(shop, MessageKinds.SHIPPING_UPDATE, "en", "b@example.in",
                MessageTemplates.sampleVariables(MessageKinds.SHIPPING_UPDATE));

        SqsEvents.invoke(List.of(SqsEvents.Message.of(new SendEmail(shop, hostile, null)),
                SqsEvents.Message.of(new SendEmail(shop, good, null)))).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).singleElement().satisfies(mail -> assertThat(mail.toEmails())
                .containsExactly("b@example.in"));
        Map<String, Object> failed = Fixtures.notificationRow(hostile);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("TEMPLATE_TEMPLATE_ERROR");
        assertThat((String) failed.get("error_message")).contains("namespaces")
                .doesNotContain("local-unsubscribe-secret-not-for-production-0001"); // %test value of the secret
        assertThat(Fixtures.notificationRow(good).get("status")).isEqualTo("SENT");
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's key with the app's ProviderCredentials bean")
    void failsForGoodWithoutNamingTheKeyWhenSendGridRejectsTheShopsKey() {
        String badKey = "SG.shopKeyThatWasRevoked.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        inTransaction(() -> credentials.save(shop, Provider.SENDGRID, "{\"fromEmail\":\"sales@kala.example.in\"}", badKey));
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "test@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());   // not retried

        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();   // a bad key is not a SendGrid outage
        Map<String, Object> failed = Fixtures.notificationRow(n);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("SENDGRID_UNAUTHORIZED");
        assertThat((String) failed.get("error_message")).contains("the shop's API key").contains("401")
                .doesNotContain(badKey).doesNotContain("SG.").doesNotContain("DEFG");
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's SMTP password with the app's ProviderCredentials bean")
    void usesTheShopsOwnSmtpServerWhenSendGridIsDown() throws Exception {
        var smtpServer = LocalServers.smtp();
        inTransaction(() -> credentials.save(shop, Provider.SMTP, Fixtures.json(Map.of(
                "host", smtpServer.host(), "port", smtpServer.port(), "username", smtpServer.username(),
                "security", "NONE", "fromEmail", "billing@kala.example.in")), smtpServer.password()));
        long n = Fixtures.queuedRow(shop, MessageKinds.SHIPPING_UPDATE, "en", "arjun@example.in",
                MessageTemplates.sampleVariables(MessageKinds.SHIPPING_UPDATE));
        sendGrid.failNext(502);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        MimeMessage mail = smtpServer.waitForMessages(1, Duration.ofSeconds(5)).getFirst();
        assertThat(mail.getFrom()[0].toString()).contains("billing@kala.example.in").contains("Kala Handlooms");
        assertThat(mail.getSubject()).isEqualTo("Your Kala Handlooms order #1042: shipped");
        assertThat(Fixtures.notificationRow(n).get("provider")).isEqualTo("SMTP");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1, 25", "169.254.169.254, 587", "172.16.5.4, 465", "'[fd00:ec2::254]', 25"})
    @DisabledOnIntegrationTest("seals the shop's SMTP password with the app's ProviderCredentials bean")
    void neverConnectsToAShopsSmtpServerOnAnInnerAddress(String host, int port) {
        // Settings stored before the API checked them (or written around it): the function checks when it connects.
        inTransaction(() -> credentials.save(shop, Provider.SMTP, Fixtures.json(Map.of(
                "host", host, "port", port, "username", "billing@kala.example.in", "security", "NONE")), "a-password"));
        long n = Fixtures.queuedRow(shop, MessageKinds.SHIPPING_UPDATE, "en", "arjun@example.in",
                MessageTemplates.sampleVariables(MessageKinds.SHIPPING_UPDATE));
        for (int i = 0; i < 3; i++) {
            sendGrid.failNext(502);   // a late request of an earlier test may take one
        }

        long started = System.nanoTime();
        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());   // final: no retry helps

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused, not tried until a timeout")
                .isLessThan(Duration.ofSeconds(8));
        Map<String, Object> failed = Fixtures.notificationRow(n);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("SMTP_NOT_ALLOWED");
        assertThat((String) failed.get("error_message")).contains("public").doesNotContain(host.replace("[", "").replace("]", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"username|billing@kala.example.in\\r\\nRSET", "fromEmail|billing@kala.example.in\\r\\nRCPT TO:<all@x.in>"})
    @DisabledOnIntegrationTest("seals the shop's SMTP password with the app's ProviderCredentials bean")
    void refusesLineBreaksInTheShopsSmtpSettingsBeforeTheDialogue(String field, String value) {
        var smtpServer = LocalServers.smtp();
        Map<String, Object> settings = new HashMap<>(Map.of("host", smtpServer.host(), "port", smtpServer.port(),
                "username", smtpServer.username(), "security", "NONE", "fromEmail", "billing@kala.example.in"));
        settings.put(field, value.replace("\\r\\n", "\r\n"));
        inTransaction(() -> credentials.save(shop, Provider.SMTP, Fixtures.json(settings), smtpServer.password()));
        long n = Fixtures.queuedRow(shop, MessageKinds.SHIPPING_UPDATE, "en", "arjun@example.in",
                MessageTemplates.sampleVariables(MessageKinds.SHIPPING_UPDATE));
        for (int i = 0; i < 3; i++) {
            sendGrid.failNext(502);   // a late request of an earlier test may take one
        }

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(smtpServer.receivedMessages()).isEmpty();
        Map<String, Object> failed = Fixtures.notificationRow(n);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("SMTP_NOT_ALLOWED");
        assertThat((String) failed.get("error_message")).contains("line breaks");
    }

    @Test
    void refusesBeforeSendingAMessageOverSendGrids30MbLimit() {
        String key = "invoices/" + shop + "/2025-26/HUGE.pdf";
        store(key, new byte[23 * 1024 * 1024]);   // 30.7 MB once base64-encoded
        long n = Fixtures.queuedRow(shop, MessageKinds.INVOICE_DELIVERY, "en", "big@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(LocalServers.smtp().receivedMessages()).isEmpty();
        Map<String, Object> failed = Fixtures.notificationRow(n);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("error_code")).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat((String) failed.get("error_message")).contains("30.0 MB");
    }

    @Test
    void refusesAnAttachmentOfAnotherShop() {
        long other = Fixtures.shopRow();
        String key = "invoices/" + other + "/2025-26/INV-1.pdf";
        store(key, pdf(1_000));
        long n = Fixtures.queuedRow(shop, MessageKinds.INVOICE_DELIVERY, "en", "x@example.in",
                MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY), key);

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(Fixtures.notificationRow(n).get("error_code")).isEqualTo("ATTACHMENT_NOT_OWNED");
    }

    @Test
    void aCommandForAnotherShopsNotificationSendsNothing() {
        long other = Fixtures.shopRow();
        long n = Fixtures.queuedRow(other, MessageKinds.ORDER_CONFIRMATION, "en", "x@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));

        SqsEvents.invoke(new SendEmail(shop, n, null)).body("batchItemFailures", empty());

        assertThat(sendGrid.sent()).isEmpty();
        assertThat(Fixtures.notificationRow(n).get("status")).isEqualTo("QUEUED");
    }

    @Test
    void aMalformedCommandIsReportedFailedWithoutStoppingItsBatchMates() {
        long n = Fixtures.queuedRow(shop, MessageKinds.ORDER_CONFIRMATION, "en", "ok@example.in",
                MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        var bad = new SqsEvents.Message("bad-1", "h", "{\"type\":\"send-email\",\"version\":1,\"shopId\":1}", 1, "email");

        SqsEvents.invoke(List.of(bad, SqsEvents.Message.of(new SendEmail(shop, n, null))))
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
