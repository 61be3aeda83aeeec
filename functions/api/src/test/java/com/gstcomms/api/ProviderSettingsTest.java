package com.gstcomms.api;

import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.TwilioStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProviderSettingsTest {

    TestShops.TestShop shop;
    ShopTwilioAccount twilio;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        LocalServers.sendGrid().reset();
        LocalServers.twilio().reset();
        twilio = ShopTwilioAccount.owning("+912240000000");
    }

    String settings() {
        return """
                {"sendgrid":{"apiKey":"%s","fromEmail":"billing@asha.example.in","fromName":"Asha Handlooms"},
                 "twilio":{"accountSid":"%s","authToken":"%s","sender":"+91 22 4000 0000"}}"""
                .formatted(SendGridStandIn.VALID_API_KEY, twilio.accountSid(), twilio.authToken());
    }

    @Test
    void secretsAreWriteOnlyAndReadBackMasked() {
        String answer = asKey(shop.owner()).body(settings()).when().put("/v1/settings/providers")
                .then().statusCode(200)
                .body("sendgrid.apiKey", nullValue(), "sendgrid.apiKeyHint", containsString("****"),
                        "twilio.authToken", nullValue(), "twilio.authTokenHint", containsString("****"),
                        "twilio.sender", equalTo("whatsapp:+912240000000"), "sendgrid.fromEmail", equalTo("billing@asha.example.in"))
                .extract().asString();
        assertThat(answer).doesNotContain(SendGridStandIn.VALID_API_KEY, twilio.authToken());
        String read = asKey(shop.viewer()).when().get("/v1/settings/providers").then().statusCode(200).extract().asString();
        assertThat(read).doesNotContain(SendGridStandIn.VALID_API_KEY, twilio.authToken()).contains("****");
        ShopCredential row = inSession(() -> ShopCredential.findFor(shop.id(), ShopCredential.Provider.SENDGRID));
        assertThat(new String(row.secretCiphertext)).doesNotContain(SendGridStandIn.VALID_API_KEY);

        // A later change without the secret keeps the stored one.
        asKey(shop.owner()).body("{\"sendgrid\":{\"fromEmail\":\"hello@asha.example.in\"}}").when().put("/v1/settings/providers")
                .then().statusCode(200).body("sendgrid.apiKeyHint", containsString("****"));
        asKey(shop.staff()).body("{\"services\":\"x\"}".replace("services", "provider")).body("{\"provider\":\"SENDGRID\",\"to\":\"me@example.in\"}")
                .when().post("/v1/services/test").then().statusCode(200).body("ok", equalTo(true));
        assertThat(LocalServers.sendGrid().sent()).singleElement()
                .satisfies(m -> assertThat(m.fromEmail()).isEqualTo("hello@asha.example.in"));
    }

    @Test
    void staffCannotChangeProviderSettingsAndBadValuesAreNamed() {
        asKey(shop.staff()).body(settings()).when().put("/v1/settings/providers").then().statusCode(403);
        asKey(shop.owner()).body("""
                {"sendgrid":{"apiKey":"not-a-key","fromEmail":"nope"},"twilio":{"accountSid":"AC1","sender":"12"},
                 "smtp":{"port":70000}}""")
                .when().put("/v1/settings/providers")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("sendgrid.apiKey", "sendgrid.fromEmail",
                        "twilio.accountSid", "twilio.sender", "smtp.host", "smtp.port"));
        asKey(shop.owner()).body("{\"twilio\":{\"accountSid\":\"" + twilio.accountSid() + "\",\"sender\":\"+912240000000\"}}")
                .when().put("/v1/settings/providers")
                .then().statusCode(400).body("errors[0].field", equalTo("twilio.authToken"));
    }

    @Test
    void testMessagesGoThroughTheChosenProviderWithTheShopsCredentials() {
        asKey(shop.owner()).body(settings()).when().put("/v1/settings/providers").then().statusCode(200);
        asKey(shop.staff()).body("{\"provider\":\"TWILIO\",\"to\":\"98123 45678\"}").when().post("/v1/services/test")
                .then().statusCode(200).body("ok", equalTo(true), "providerMessageId", containsString("SM"), "settingsOf", equalTo("shop"));
        assertThat(LocalServers.twilio().sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("whatsapp:+919812345678");
            assertThat(m.from()).isEqualTo("whatsapp:+912240000000");
        });
        asKey(shop.staff()).body("{\"provider\":\"SENDGRID\",\"to\":\"owner@asha.example.in\"}").when().post("/v1/services/test")
                .then().statusCode(200).body("ok", equalTo(true));
        assertThat(LocalServers.sendGrid().sent()).singleElement()
                .satisfies(m -> assertThat(m.toEmails()).containsExactly("owner@asha.example.in"));
        asKey(shop.viewer()).body("{\"provider\":\"SENDGRID\",\"to\":\"a@example.in\"}").when().post("/v1/services/test")
                .then().statusCode(403);
    }

    @Test
    void aRefusedKeyIsReportedWithoutShowingIt() {
        String badKey = "SG.badKeyBadKeyBadKey00.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        asKey(shop.owner()).body("{\"sendgrid\":{\"apiKey\":\"" + badKey + "\",\"fromEmail\":\"a@asha.example.in\"}}")
                .when().put("/v1/settings/providers").then().statusCode(200);
        String answer = asKey(shop.staff()).body("{\"provider\":\"SENDGRID\",\"to\":\"a@example.in\"}").when().post("/v1/services/test")
                .then().statusCode(200).body("ok", equalTo(false), "detail", containsString("401")).extract().asString();
        assertThat(answer).doesNotContain(badKey);
        asKey(shop.viewer()).when().get("/v1/services/status").then().statusCode(200)
                .body("sendgrid.configured", equalTo(true), "sendgrid.answering", equalTo(false),
                        "sendgrid.detail", containsString("refused"), "smtp.configured", equalTo(false));
        asKey(shop.viewer()).when().get("/v1/settings/providers").then()
                .body("sendgrid.status", equalTo("FAILING"), "sendgrid.lastError", not(containsString(badKey)));
    }

    @Test
    void anSmtpTestMessageGoesThroughTheShopsOwnServer() throws Exception {
        // Started here, not by LocalCloudResource: this app has no mailer, only the shop's settings point at it.
        var smtp = LocalServers.smtp();
        smtp.reset();
        asKey(shop.owner()).body("""
                {"smtp":{"host":"%s","port":%d,"security":"NONE","username":"%s","password":"%s","fromEmail":"shop@asha.example.in"}}"""
                .formatted(smtp.host(), smtp.port(), smtp.username(), smtp.password()))
                .when().put("/v1/settings/providers").then().statusCode(200).body("smtp.passwordHint", containsString("****"));
        asKey(shop.staff()).body("{\"provider\":\"SMTP\",\"to\":\"owner@asha.example.in\"}").when().post("/v1/services/test")
                .then().statusCode(200).body("ok", equalTo(true));
        var mail = smtp.waitForMessages(1, java.time.Duration.ofSeconds(5));
        assertThat(mail.getFirst().getSubject()).isEqualTo("GST Comms test message");
        asKey(shop.viewer()).when().get("/v1/services/status").then().body("smtp.answering", equalTo(true));
    }

    @Test
    void statusSaysWhichProvidersAreConfiguredAndAnswering() {
        asKey(shop.owner()).body(settings()).when().put("/v1/settings/providers").then().statusCode(200);
        asKey(shop.viewer()).when().get("/v1/services/status").then().statusCode(200)
                .body("sendgrid.configured", equalTo(true), "sendgrid.answering", equalTo(true), "sendgrid.settingsOf", equalTo("shop"),
                        "twilio.answering", equalTo(true), "smtp.configured", equalTo(false));
        assertThat(LocalServers.sendGrid().sent()).as("the check sends nothing").isEmpty();
    }

    @Test
    void readsSecretsBackShowingAtMostTheLastFourOfAKeyAndNothingOfAPassword() {
        var smtp = LocalServers.smtp();
        String password = "Asha-Handlooms-Mail-2026!";
        asKey(shop.owner()).body(settings()).when().put("/v1/settings/providers").then().statusCode(200);
        asKey(shop.owner()).body("""
                {"smtp":{"host":"%s","port":%d,"security":"NONE","username":"%s","password":"%s"}}"""
                .formatted(smtp.host(), smtp.port(), smtp.username(), password))
                .when().put("/v1/settings/providers").then().statusCode(200);
        String key = SendGridStandIn.VALID_API_KEY;
        asKey(shop.viewer()).when().get("/v1/settings/providers").then().statusCode(200)
                .body("sendgrid.apiKeyHint", equalTo("****" + key.substring(key.length() - 4)),
                        "twilio.authTokenHint", equalTo("****" + twilio.authToken().substring(twilio.authToken().length() - 4)),
                        "smtp.passwordHint", equalTo("****"));
    }

    /** Something that is not a mail server, or one whose greeting tells more than it should. */
    private static java.net.ServerSocket talkativeServer() throws java.io.IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (java.net.Socket s = server.accept()) {
                    var out = s.getOutputStream();
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                    out.write("220 redis-7.2.4.internal.corp ESMTP secret-banner\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    if (in.readLine() != null) {
                        out.write("500 5.5.1 secret-banner-again requirepass=hunter2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                        in.readLine();
                    }
                } catch (java.io.IOException e) {
                    // next connection, or closed
                }
            }
        });
        return server;
    }

    @Test
    void statusAndTestAnswersNeverRepeatWhatTheServerSaid() throws Exception {
        try (var server = talkativeServer()) {
            asKey(shop.owner()).body("""
                    {"smtp":{"host":"127.0.0.1","port":%d,"security":"NONE","username":"shop","password":"a-password"}}"""
                    .formatted(server.getLocalPort()))
                    .when().put("/v1/settings/providers").then().statusCode(200);
            String status = asKey(shop.viewer()).when().get("/v1/services/status").then().statusCode(200)
                    .body("smtp.configured", equalTo(true)).extract().asString();
            String test = asKey(shop.staff()).body("{\"provider\":\"SMTP\",\"to\":\"owner@asha.example.in\"}")
                    .when().post("/v1/services/test").then().statusCode(200).body("ok", equalTo(false),
                            "detail", containsString("EHLO")).extract().asString();
            String settings = asKey(shop.viewer()).when().get("/v1/settings/providers").then().statusCode(200).extract().asString();
            for (String answer : java.util.List.of(status, test, settings)) {
                assertThat(answer).doesNotContain("secret-banner", "redis", "hunter2", "internal.corp");
            }
        }
    }

    @Test
    void aShopMayNameOnlySendersOfItsOwnTwilioAccount() {
        // Shop A's number, and the platform's account: neither may shop B name as its own.
        asKey(shop.owner()).body(settings()).when().put("/v1/settings/providers").then().statusCode(200);
        TestShops.TestShop other = TestShops.create();
        ShopTwilioAccount theirs = ShopTwilioAccount.owning("+912240001111");
        String put = "{\"twilio\":{\"accountSid\":\"%s\",\"authToken\":\"%s\",\"sender\":\"%s\"}}";

        asKey(other.owner()).body(put.formatted(theirs.accountSid(), theirs.authToken(), "+912240000000"))
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("twilio.sender"));
        asKey(other.owner()).body(put.formatted(TwilioStandIn.ACCOUNT_SID, theirs.authToken(), "+912240001111"))
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("twilio.accountSid"));
        asKey(other.owner()).body(put.formatted(TwilioStandIn.ACCOUNT_SID, TwilioStandIn.AUTH_TOKEN, "+912240000000"))
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("twilio.accountSid"));
        asKey(other.owner()).body(put.formatted(twilio.accountSid(), theirs.authToken(), "+912240000000"))
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("twilio.authToken"));
        asKey(other.owner()).when().get("/v1/settings/providers").then().body("twilio", nullValue());

        asKey(other.owner()).body(put.formatted(theirs.accountSid(), theirs.authToken(), "whatsapp:+912240001111"))
                .when().put("/v1/settings/providers").then().statusCode(200)
                .body("twilio.sender", equalTo("whatsapp:+912240001111"));
        // A later change without the token is checked with the stored one.
        asKey(other.owner()).body("{\"twilio\":{\"accountSid\":\"%s\",\"sender\":\"+912240000000\"}}".formatted(theirs.accountSid()))
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("twilio.sender"));
        asKey(other.owner()).when().get("/v1/settings/providers").then().body("twilio.sender", equalTo("whatsapp:+912240001111"));
    }
}
