package com.gstcomms.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.TwilioStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static com.gstcomms.whatsapp.LambdaInvocations.invoke;
import static com.gstcomms.whatsapp.TestShop.newContentSid;
import static com.gstcomms.whatsapp.TestShop.reload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes to Twilio, and when nothing may: templates, the service window, documents, numbers, opt-outs.
 * Data is set up and checked from outside the app (JDBC through {@link TestShop}, S3, the Twilio stand-in),
 * so {@link WhatsAppSendingIT} reruns these tests against the packaged function; the few that need the
 * app's beans are JVM-only.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false, initArgs =
        @ResourceArg(name = "only", value = "postgres,sqs,s3,twilio"))
class WhatsAppSendingTest {

    static final String PLATFORM_SENDER = "whatsapp:+14155238886";
    static final String STATUS_CALLBACK = "https://api.gstcomms.test/v1/webhooks/twilio";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** JVM tests only (null in the integration test): beans of the app. */
    @Inject
    ProviderCredentials credentials;

    @Inject
    WhatsAppDelivery delivery;

    final String s3Endpoint = appConfig("gstcomms.s3.endpoint");

    TwilioStandIn twilio = LocalServers.twilio();

    @BeforeEach
    void resetTwilio() {
        twilio.reset();
    }

    @Test
    void sendsABusinessInitiatedMessageAsTheApprovedTemplateWithItsVariablesInOrder() throws Exception {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        String contentSid = newContentSid();
        shop.template("ORDER_CONFIRMATION", contentSid, "Hi {customerName}, order {orderNumber} is confirmed.",
                "customerName", "orderNumber", "total");
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", """
                {"orderNumber": "#1042", "total": "1234.50"}""");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).singleElement().satisfies(m -> {
            assertThat(m.accountSid()).isEqualTo(TwilioStandIn.ACCOUNT_SID);
            assertThat(m.to()).isEqualTo("whatsapp:" + asha.phone);
            assertThat(m.from()).isEqualTo(PLATFORM_SENDER);
            assertThat(m.contentSid()).isEqualTo(contentSid);
            assertThat(JSON.readTree(m.contentVariables())).isEqualTo(JSON.readTree("""
                    {"1": "Asha Verma", "2": "#1042", "3": "1234.50"}"""));
            assertThat(m.body()).isNull();
            // The shop's own callback URL: the API unseals only this shop's token to check Twilio's signature.
            String ref = com.gstcomms.testing.Sql.ofApp().value("select callback_ref from shop where id = ?", shop.id());
            assertThat(ref).matches("[0-9a-f]{32}");
            assertThat(m.statusCallback()).isEqualTo(STATUS_CALLBACK + "/" + ref);
        });
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SENT);
        assertThat(back.provider).isEqualTo("TWILIO");
        assertThat(back.providerMessageId).isEqualTo(twilio.sent().getFirst().sid()).startsWith("SM");
        assertThat(back.sentAt).isNotNull();
    }

    @ParameterizedTest(name = "customer last wrote {0} minutes ago → {1}")
    @CsvSource({
            "-1, TEMPLATE",      // never wrote
            "1500, TEMPLATE",    // 25 hours ago: window closed
            "1435, TEMPLATE",    // 23 h 55 min ago: inside the 10-minute safety margin
            "120, TEXT",         // 2 hours ago: inside the customer service window
    })
    void sendsFreeFormTextOnlyInsideTheTwentyFourHourWindow(int minutesAgo, String expected) {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(minutesAgo < 0 ? null : OffsetDateTime.now().minusMinutes(minutesAgo));
        String contentSid = newContentSid();
        shop.template("SHIPPING_UPDATE", contentSid, "Namaste {customerName}! Order {orderNumber} shipped, AWB {awb}.",
                "orderNumber", "awb");
        Notification n = shop.notification(asha, "SHIPPING_UPDATE", """
                {"orderNumber": "#1043", "awb": "AWB998877"}""");

        assertThat(invoke(n)).isEmpty();

        TwilioStandIn.Message sent = twilio.sent().getFirst();
        if (expected.equals("TEXT")) {
            assertThat(sent.body()).isEqualTo("Namaste Asha Verma! Order #1043 shipped, AWB AWB998877.");
            assertThat(sent.contentSid()).isNull();
        } else {
            assertThat(sent.contentSid()).isEqualTo(contentSid);
            assertThat(sent.body()).isNull();
        }
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void attachesTheInvoicePdfAsAShortLivedLinkThatDownloadsAsAPdfWithItsFileName() throws Exception {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        shop.template("INVOICE", newContentSid(), "Your invoice {invoiceNumber} is attached.", "invoiceNumber",
                "mediaPath");
        byte[] pdf = samplePdf();
        String key = "invoices/" + shop.id() + "/2025-26/INV-" + UUID.randomUUID().toString().substring(0, 6) + ".pdf";
        store(key, pdf);
        Notification n = shop.notification(asha, "INVOICE", """
                {"invoiceNumber": "INV-0042"}""", key);

        assertThat(invoke(n)).isEmpty();

        TwilioStandIn.Message sent = twilio.sent().getFirst();
        assertThat(sent.body()).isEqualTo("Your invoice INV-0042 is attached.");
        assertThat(sent.mediaUrls()).singleElement().satisfies(url -> {
            assertThat(url).contains("X-Amz-Expires=600");
            assertDownloadsThePdf(URI.create(url), pdf, key.substring(key.lastIndexOf('/') + 1));
        });
        assertThat(sent.sid()).startsWith("MM");
    }

    @Test
    void putsTheInvoicePdfInTheTemplatesMediaHeaderOutsideTheWindow() throws Exception {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        String contentSid = newContentSid();
        // The approved template's media URL is https://<s3 host>/{{2}}: the variable is the link's path and query.
        shop.template("INVOICE", contentSid, null, "invoiceNumber", "mediaPath");
        byte[] pdf = samplePdf();
        String key = "invoices/" + shop.id() + "/2025-26/INV-0043.pdf";
        store(key, pdf);
        Notification n = shop.notification(asha, "INVOICE", """
                {"invoiceNumber": "INV-0043"}""", key);

        assertThat(invoke(n)).isEmpty();

        TwilioStandIn.Message sent = twilio.sent().getFirst();
        assertThat(sent.contentSid()).isEqualTo(contentSid);
        Map<String, String> variables = JSON.readValue(sent.contentVariables(), Map.class);
        assertThat(variables.get("1")).isEqualTo("INV-0043");
        assertThat(variables.get("2")).doesNotStartWith("/").contains("INV-0043.pdf").contains("X-Amz-Signature=");
        assertDownloadsThePdf(URI.create(s3Endpoint.replaceAll("/+$", "") + "/" + variables.get("2")), pdf,
                "INV-0043.pdf");
    }

    @Test
    void refusesToPresignADocumentOfAnotherShopAndSendsNothing() throws Exception {
        TestShop victim = TestShop.create();
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        shop.template("INVOICE", newContentSid(), "Invoice attached.", "mediaPath");
        String theirs = "invoices/" + victim.id() + "/2025-26/INV-0001.pdf";
        store(theirs, samplePdf());
        for (String key : java.util.List.of(theirs, "invoices/" + shop.id() + "/../" + victim.id() + "/2025-26/INV-0001.pdf",
                "secrets/" + shop.id() + "/x.pdf")) {
            Notification n = shop.notification(asha, "INVOICE", "{}", key);

            assertThat(invoke(n)).isEmpty();

            Notification back = reload(n);
            assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
            assertThat(back.errorCode).isEqualTo("DOCUMENT_NOT_OWNED");
        }
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    void refusesADocumentOverSixteenMegabytesBeforeSendingAnything() throws Exception {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        shop.template("INVOICE", newContentSid(), "Invoice attached.", "mediaPath");
        String key = "invoices/" + shop.id() + "/2025-26/BIG.pdf";
        long size = 16L * 1024 * 1024 + 1;
        store(key, new byte[(int) size]);
        Notification n = shop.notification(asha, "INVOICE", "{}", key);

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("DOCUMENT_TOO_LARGE");
        assertThat(back.errorMessage).contains(key).contains("16777217 bytes").contains("16 MB");
    }

    @Test
    void failsWithTheMissingVariableNamedWhenTheTemplateCannotBeFilledIn() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        Template t = shop.template("PAYMENT_REMINDER", newContentSid(), null, "invoiceNumber", "amountDue", "dueDate");
        Notification n = shop.notification(asha, "PAYMENT_REMINDER", """
                {"invoiceNumber": "INV-0007", "amountDue": "5000.00"}""");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("TEMPLATE_VARIABLE");
        assertThat(back.errorMessage).contains("template " + t.id).contains("'dueDate'").contains("{{3}}");
    }

    @Test
    void sendsTheApprovedTemplateWhenTheTextCannotBeFilledIn() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        String contentSid = newContentSid();
        shop.template("SHIPPING_UPDATE", contentSid, "Track it at {trackingUrl}", "orderNumber");
        Notification n = shop.notification(asha, "SHIPPING_UPDATE", """
                {"orderNumber": "#1050"}""");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).singleElement().satisfies(m -> {
            assertThat(m.contentSid()).isEqualTo(contentSid);
            assertThat(m.body()).isNull();
        });
    }

    @Test
    void failsNamingTheProblemWhenNeitherTheTextNorATemplateCanGo() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        shop.template("SHIPPING_UPDATE", null, "Track it at {trackingUrl}");
        Notification n = shop.notification(asha, "SHIPPING_UPDATE", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("NO_APPROVED_TEMPLATE");
        assertThat(back.errorMessage).contains("could not be filled in").contains("trackingUrl");
    }

    @Test
    void failsRatherThanDropTheInvoiceWhenTheTemplateHasNoMediaHeader() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("INVOICE", newContentSid(), null, "invoiceNumber");
        String key = "invoices/" + shop.id() + "/2025-26/INV-0044.pdf";
        store(key, samplePdf());
        Notification n = shop.notification(asha, "INVOICE", """
                {"invoiceNumber": "INV-0044"}""", key);

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        assertThat(reload(n).errorCode).isEqualTo("TEMPLATE_HAS_NO_DOCUMENT");
    }

    @Test
    void sendsNothingOutsideTheWindowWithoutAnApprovedTemplate() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusDays(3));
        shop.template("CAMPAIGN", null, "Diwali sale: 20% off!", new String[0]);
        Notification n = shop.notification(asha, "CAMPAIGN", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("NO_APPROVED_TEMPLATE");
        assertThat(back.errorMessage).contains("24-hour customer service window");
    }

    @ParameterizedTest(name = "recipient written as \"{0}\"")
    @CsvSource({"%s", "0%s", "+91 %5.5s %s", "91-%s", "whatsapp:+91%s"})
    void normalisesTheRecipientToWhatsAppE164(String spelling) {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        String tenDigits = asha.phone.substring(3);
        String written = spelling.contains("%5.5s")
                ? "+91 " + tenDigits.substring(0, 5) + " " + tenDigits.substring(5) : spelling.formatted(tenDigits);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null, "customerName");
        Notification n = shop.notificationTo(asha, written, "ORDER_CONFIRMATION", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("whatsapp:+91" + tenDigits));
    }

    @Test
    void failsANumberThatIsNoPhoneNumberWithoutCallingTwilio() {
        TestShop shop = TestShop.create();
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notificationTo(null, "12345", "ORDER_CONFIRMATION", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("INVALID_NUMBER");
        assertThat(back.errorMessage).contains("'12345'");
    }

    @Test
    void sendsARedeliveredCommandOnlyOnce() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null, "customerName");
        Notification n = shop.notification(asha, "ORDER_CONFIRMATION", "{}");

        // The same command twice in one batch, then delivered again later (SQS is at-least-once).
        assertThat(invoke(n, n)).isEmpty();
        assertThat(invoke(n, 2)).isEmpty();

        assertThat(twilio.sent()).hasSize(1);
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SENT);
        assertThat(back.attempts).isEqualTo(1);
    }

    @Test
    @DisabledOnIntegrationTest("calls the app's WhatsAppDelivery bean from several threads")
    void sendsOnceWhenSeveralInstancesGetTheSameCommandAtOnce() throws Exception {
        TestShop shop = TestShop.create();
        shop.template("ORDER_CONFIRMATION", newContentSid(), null, "customerName");
        Notification n = shop.notification(shop.customer(null), "ORDER_CONFIRMATION", "{}");
        int instances = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(instances);
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < instances; i++) {
                running.add(pool.submit(() -> {
                    start.await();
                    delivery.deliver(new SendWhatsApp(n.shopId, n.id, null),
                            new SqsBatch.Delivery(UUID.randomUUID().toString(), 1, null));
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : running) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(twilio.sent()).hasSize(1);
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void honoursStopANumberSuppressedForWhatsAppIsNotMessaged() {
        TestShop shop = TestShop.create();
        Customer asha = shop.customer(OffsetDateTime.now().minusHours(1));
        shop.template("CAMPAIGN", newContentSid(), "Diwali sale!", new String[0]);
        // The webhook records STOP as a suppression of the E.164 number; the notification spells it otherwise.
        Sql.ofApp().insert("suppression", "shop_id", shop.id(), "channel", "WHATSAPP", "address", asha.phone,
                "reason", "OPTED_OUT", "source", "twilio-inbound-STOP");
        Notification n = shop.notificationTo(asha, "0" + asha.phone.substring(3), "CAMPAIGN", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(back.errorCode).isEqualTo("OPTED_OUT");
    }

    @Test
    void doesNotMessageACustomerWhoHasNotOptedIn() {
        TestShop shop = TestShop.create();
        Customer ravi = shop.customer(TestShop.newMobileNumber(), false, null);
        shop.template("ORDER_CONFIRMATION", newContentSid(), null);
        Notification n = shop.notification(ravi, "ORDER_CONFIRMATION", "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(back.errorCode).isEqualTo("NOT_OPTED_IN");
    }

    @Test
    void messagesANumberWithoutACustomerOnlyWhenItIsTheShopsOwn() {
        TestShop shop = TestShop.create();
        shop.template("SERVICE_TEST", newContentSid(), null, "shopName");
        Notification stranger = shop.notificationTo(null, TestShop.newMobileNumber(), "SERVICE_TEST", "{}");
        Notification merchant = shop.notificationTo(null, shop.shop.phone, "SERVICE_TEST", "{}");

        assertThat(invoke(stranger, merchant)).isEmpty();

        assertThat(reload(stranger).status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(reload(merchant).status).isEqualTo(NotificationStatus.SENT);
        assertThat(twilio.sent()).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("whatsapp:" + shop.shop.phone));
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's Twilio token with the app's ProviderCredentials bean")
    void sendsThroughTheShopsOwnTwilioAccountAndSenderWithItsOwnTemplates() {
        TestShop shop = TestShop.create();
        String accountSid = shop.withOwnTwilioAccount(twilio, credentials, "+91 22 4000 1234", null).accountSid();
        Customer asha = shop.customer(null);
        String kind = "OWN_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestShop.builtIn(kind, "en", newContentSid(), null);
        String own = newContentSid();
        shop.template(kind, own, null);
        Notification n = shop.notification(asha, kind, "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).singleElement().satisfies(m -> {
            assertThat(m.accountSid()).isEqualTo(accountSid);
            assertThat(m.from()).isEqualTo("whatsapp:+912240001234");
            assertThat(m.contentSid()).isEqualTo(own);
        });
        ShopCredential credential = inTransaction(() -> ShopCredential.findFor(shop.id(), ShopCredential.Provider.TWILIO));
        assertThat(credential.status).isEqualTo("OK");
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's Twilio token with the app's ProviderCredentials bean")
    void aShopNamingAnotherAccountsSenderCannotUseUpThatAccountsTurns() {
        // Shop B names shop A's number under its own account (settings written before the API checked them with
        // Twilio) and has used up every turn of its bucket: A's messages still go at once.
        String sender = TestShop.newMobileNumber();
        TestShop a = TestShop.create();
        String accountA = a.withOwnTwilioAccount(twilio, credentials, sender, 1).accountSid();
        TestShop b = TestShop.create();
        String accountB = b.withOwnTwilioAccount(twilio, credentials, sender, 1).accountSid();
        String kind = "TURNS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        a.template(kind, newContentSid(), null);
        b.template(kind, newContentSid(), null);
        assertThat(invoke(b.notification(b.customer(null), kind, "{}"))).isEmpty();
        TestShop.db().update("update whatsapp_sender_bucket set tokens = -1000000, refilled_at = clock_timestamp() "
                + "where account_sid = ? and sender = ?", accountB, "whatsapp:" + sender);

        Notification n = a.notification(a.customer(null), kind, "{}");
        long started = System.nanoTime();
        assertThat(invoke(n)).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(reload(n).status).isEqualTo(NotificationStatus.SENT);
        assertThat(twilio.sent()).extracting(TwilioStandIn.Message::accountSid).containsExactly(accountB, accountA);
        assertThat(TestShop.db().rows("select account_sid from whatsapp_sender_bucket where sender = ? order by account_sid",
                "whatsapp:" + sender)).extracting(r -> r.get("account_sid"))
                .containsExactlyInAnyOrder(accountA, accountB);
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's Twilio token with the app's ProviderCredentials bean")
    void refusesShopSettingsThatNameThePlatformsAccount() {
        TestShop shop = TestShop.create();
        shop.saveTwilioSettings(credentials, TwilioStandIn.ACCOUNT_SID, TwilioStandIn.AUTH_TOKEN, PLATFORM_SENDER, 1000);
        String kind = "PLATFORM_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        shop.template(kind, newContentSid(), null);
        Notification n = shop.notification(shop.customer(null), kind, "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(back.errorCode).isEqualTo("TWILIO_SETTINGS");
        assertThat(back.errorMessage).contains("platform's account");
    }

    @Test
    @DisabledOnIntegrationTest("seals the shop's Twilio token with the app's ProviderCredentials bean")
    void neverUsesThePlatformsTemplatesThroughAShopsOwnAccount() {
        TestShop shop = TestShop.create();
        shop.withOwnTwilioAccount(twilio, credentials, "whatsapp:+912240001234", null);
        String kind = "BUILTIN_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestShop.builtIn(kind, "en", newContentSid(), null);
        Notification n = shop.notification(shop.customer(null), kind, "{}");

        assertThat(invoke(n)).isEmpty();

        assertThat(twilio.sent()).isEmpty();
        Notification back = reload(n);
        assertThat(back.errorCode).isEqualTo("NO_TEMPLATE");
        assertThat(back.errorMessage).contains("own Twilio account");
    }

    @Test
    void picksTheShopsTemplateFirstThenTheClosestLocaleThenTheNewestVersion() throws Exception {
        String kind = "LOCALE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String builtInHindi = newContentSid();
        TestShop.builtIn(kind, "en", newContentSid(), null);
        TestShop.builtIn(kind, "hi", builtInHindi, null);
        TestShop plain = TestShop.create();
        TestShop overriding = TestShop.create();
        String shopsOwn = newContentSid();
        String shopsNewer = newContentSid();
        TestShop.template(overriding.id(), kind, "en", 1, shopsOwn, null);
        TestShop.template(overriding.id(), kind, "en", 2, shopsNewer, null);

        Notification hindi = plain.notification(plain.customer(null), kind, "{}");
        Sql.ofApp().update("update notification set locale = 'hi-IN' where id = ?", hindi.id);
        Notification overridden = overriding.notification(overriding.customer(null), kind, "{}");
        Sql.ofApp().update("update notification set locale = 'hi-IN' where id = ?", overridden.id);

        assertThat(invoke(hindi)).isEmpty();
        assertThat(invoke(overridden)).isEmpty();

        assertThat(twilio.sent()).extracting(TwilioStandIn.Message::contentSid)
                .containsExactly(builtInHindi, shopsNewer);
    }

    static byte[] samplePdf() {
        return ("%PDF-1.7\n% GST Comms test invoice\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
                + "%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void store(String key, byte[] bytes) {
        LocalServers.s3().client().putObject(b -> b.bucket(appConfig("gstcomms.s3.bucket")).key(key)
                .contentType("application/pdf"), RequestBody.fromBytes(bytes));
    }

    static void assertDownloadsThePdf(URI link, byte[] expected, String fileName) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("filename=\"" + fileName + "\""));
    }
}
