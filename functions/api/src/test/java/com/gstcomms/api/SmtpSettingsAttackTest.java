package com.gstcomms.api;

import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 15 §4 as production runs it: loopback is not allowed (the other tests allow it, their mail servers
 * listen on 127.0.0.1). A merchant's SMTP settings must not make the API (or the email function) connect to
 * our own network.
 */
@QuarkusTest
@TestProfile(SmtpSettingsAttackTest.LoopbackRefused.class)
class SmtpSettingsAttackTest {

    public static class LoopbackRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gstcomms.outbound.allow-loopback", "false");
        }
    }

    @Inject
    ProviderCredentials credentials;

    TestShops.TestShop shop;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        LocalServers.smtp().reset();
    }

    private static String smtp(String host, int port) {
        return """
                {"smtp":{"host":"%s","port":%d,"security":"STARTTLS","username":"billing@asha.example.in","password":"a-password"}}"""
                .formatted(host, port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "[::1]", "::ffff:127.0.0.1", "0.0.0.0", "10.0.0.1",
            "172.16.0.10", "192.168.1.1", "100.64.0.1", "169.254.169.254", "fd00:ec2::254", "fe80::1", "224.0.0.1",
            "255.255.255.255"})
    void refusesSmtpHostsThatAreNotPublicAndStoresNothing(String host) {
        String answer = asKey(shop.owner()).body(smtp(host, 587)).when().put("/v1/settings/providers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("smtp.host"), "errors[0].message", containsString("public"))
                .extract().asString();
        assertThat(answer).doesNotContain("a-password");
        asKey(shop.viewer()).when().get("/v1/settings/providers").then().statusCode(200).body("smtp", nullValue());
    }

    @ParameterizedTest
    @ValueSource(ints = {6379, 5432, 22, 80, 443, 11211, 8080})
    void refusesPortsThatAreNotSmtpPorts(int port) {
        asKey(shop.owner()).body(smtp("8.8.8.8", port)).when().put("/v1/settings/providers")
                .then().statusCode(400).body("errors.field", contains("smtp.port"));
        asKey(shop.viewer()).when().get("/v1/settings/providers").then().body("smtp", nullValue());
    }

    @Test
    void acceptsAPublicAddressOnASubmissionPort() {
        asKey(shop.owner()).body(smtp("8.8.8.8", 587)).when().put("/v1/settings/providers")
                .then().statusCode(200).body("smtp.host", equalTo("8.8.8.8"), "smtp.port", equalTo(587));
    }

    @Test
    void refusesLineBreaksInEverySmtpField() {
        asKey(shop.owner()).body("""
                {"smtp":{"host":"8.8.8.8\\r\\nX","port":587,"username":"billing@asha.example.in\\r\\nMAIL FROM:<ceo@bank.in>",
                 "password":"pw\\nRSET","fromEmail":"billing@asha.example.in\\r\\nBcc: all@x.in","fromName":"Asha\\r\\nBcc: all@x.in",
                 "security":"NONE"}}""")
                .when().put("/v1/settings/providers").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("smtp.host", "smtp.username", "smtp.password", "smtp.fromEmail",
                        "smtp.fromName"));
        asKey(shop.viewer()).when().get("/v1/settings/providers").then().body("smtp", nullValue());
    }

    @Test
    void neverProbesOrMailsAServerOnLoopbackStoredAroundTheChecks() {
        // Settings stored before the checks existed: status and test refuse them when connecting.
        var greenMail = LocalServers.smtp();
        inTransaction(() -> credentials.save(shop.id(), Provider.SMTP, """
                {"host":"%s","port":%d,"security":"NONE","username":"%s"}""".formatted(greenMail.host(), greenMail.port(),
                greenMail.username()), greenMail.password()));
        asKey(shop.viewer()).when().get("/v1/services/status").then().statusCode(200)
                .body("smtp.configured", equalTo(true), "smtp.answering", equalTo(false),
                        "smtp.detail", containsString("loopback"), "smtp.detail", not(containsString("220")));
        asKey(shop.staff()).body("{\"provider\":\"SMTP\",\"to\":\"owner@asha.example.in\"}").when().post("/v1/services/test")
                .then().statusCode(200).body("ok", equalTo(false), "detail", containsString("not allowed"));
        assertThat(greenMail.receivedMessages()).isEmpty();
    }
}
