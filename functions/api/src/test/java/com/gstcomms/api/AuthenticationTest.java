package com.gstcomms.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static com.gstcomms.api.Api.anonymous;
import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.api.Api.asSession;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Everything from outside the app (HTTP through the mock event server, JDBC), so {@link AuthenticationIT}
 * reruns it against the packaged function.
 */
@QuarkusTest
class AuthenticationTest {

    @Test
    void acceptsAValidShopifySessionTokenAndCreatesTheShopOnItsFirstCall() {
        String domain = "fresh-" + System.nanoTime() + ".myshopify.com";
        asSession(SessionTokenMaker.valid(domain))
                .when().get("/v1/settings/shop")
                .then().statusCode(200).body("shopDomain", equalTo(domain));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "expired a minute ago,      test-app-key,  -60,   -120, test-app-secret-0123456789, HS256, has expired",
            "not valid for a minute,    test-app-key,  300,   60,   test-app-secret-0123456789, HS256, not valid yet",
            "issued for another app,    other-app-key, 60,    -5,   test-app-secret-0123456789, HS256, another app",
            "signed with another secret,test-app-key,  60,    -5,   someone-elses-secret,       HS256, does not match",
            "claims another algorithm,  test-app-key,  60,    -5,   test-app-secret-0123456789, HS512, HS256",
    })
    void refusesSessionTokensThatAreExpiredForgedOrForAnotherApp(String why, String aud, long expIn, long nbfIn,
                                                                   String secret, String alg, String reason) {
        long now = Instant.now().getEpochSecond();
        String token = SessionTokenMaker.token("someone.myshopify.com", aud, now + expIn, now + nbfIn, secret, alg);
        asSession(token).when().get("/v1/notifications")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401), "detail", containsString(reason));
    }

    @Test
    void allowsAFewSecondsOfClockSkewOnExpiry() {
        long now = Instant.now().getEpochSecond();
        String token = SessionTokenMaker.token("skew-" + System.nanoTime() + ".myshopify.com",
                SessionTokenMaker.APP_KEY, now - 2, now - 60, SessionTokenMaker.APP_SECRET, "HS256");
        asSession(token).when().get("/v1/notifications").then().statusCode(200);
    }

    @Test
    void refusesACallWithoutCredentialsAsProblemJson() {
        anonymous().when().get("/v1/notifications")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", startsWith("https://"), "title", notNullValue(), "instance", equalTo("/v1/notifications"));
    }

    @Test
    void refusesAnUnknownApiKey() {
        asKey("gc_live_not-a-key").when().get("/v1/notifications").then().statusCode(401);
    }

    @Test
    void ownerCreatesAKeyThatWorksOnceShownAndStopsWorkingWhenRevoked() {
        var shop = TestShops.create();
        var created = asKey(shop.owner()).body("{\"name\":\"warehouse\",\"role\":\"STAFF\"}")
                .when().post("/v1/api-keys")
                .then().statusCode(201).body("key", startsWith("gc_live_"), "role", equalTo("STAFF"))
                .extract().jsonPath();
        String key = created.getString("key");
        long id = created.getLong("id");

        asKey(key).when().get("/v1/notifications").then().statusCode(200);
        // Listed without the key itself.
        asKey(shop.owner()).when().get("/v1/api-keys")
                .then().statusCode(200).body("items.find { it.id == " + id + " }.keyPrefix", equalTo(key.substring(0, 12)))
                .body("items.find { it.id == " + id + " }.key", equalTo(null))
                .body(org.hamcrest.Matchers.not(containsString(key)));

        asKey(shop.owner()).when().delete("/v1/api-keys/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        asKey(key).when().get("/v1/notifications").then().statusCode(401);
        java.util.List<java.util.Map<String, Object>> audit = com.gstcomms.testing.Sql.ofApp().rows(
                "select action, target_id, details from audit_log where shop_id = ? order by id", shop.id());
        org.assertj.core.api.Assertions.assertThat(audit).extracting(a -> a.get("action"))
                .containsExactly("api_key.create", "api_key.revoke");
        org.assertj.core.api.Assertions.assertThat(audit).allSatisfy(a -> {
            org.assertj.core.api.Assertions.assertThat(a.get("target_id")).isEqualTo(Long.toString(id));
            org.assertj.core.api.Assertions.assertThat((String) a.get("details")).doesNotContain(key);
        });
    }

    @Test
    void onlyTheOwnerManagesKeys() {
        var shop = TestShops.create();
        asKey(shop.staff()).body("{\"name\":\"x\",\"role\":\"OWNER\"}").when().post("/v1/api-keys")
                .then().statusCode(403).body("detail", containsString("OWNER"));
        asKey(shop.viewer()).when().get("/v1/api-keys").then().statusCode(403);
    }

    @Test
    void keyCreationNamesEveryBadField() {
        var shop = TestShops.create();
        asKey(shop.owner()).body("{\"role\":\"ADMIN\"}").when().post("/v1/api-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(2), "errors.field", org.hamcrest.Matchers.containsInAnyOrder("name", "role"));
    }

    @Test
    void anotherShopsKeyCannotBeRevoked() {
        var a = TestShops.create();
        var b = TestShops.create();
        long bKeyId = asKey(b.owner()).body("{\"name\":\"b\",\"role\":\"VIEWER\"}").when().post("/v1/api-keys")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asKey(a.owner()).when().delete("/v1/api-keys/" + bKeyId).then().statusCode(404);
    }

    @Test
    void aShopifyUserWhoIsNotTheAccountOwnerIsStaffAndCannotMintKeysOrChangeSettings() {
        var shop = TestShops.create();
        TestShops.ownedByShopifyUser(shop, "7");
        String staffMember = SessionTokenMaker.valid(shop.domain(), "42");
        asSession(staffMember).body("{\"name\":\"mine\",\"role\":\"OWNER\"}").when().post("/v1/api-keys")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("OWNER"), "detail", containsString("STAFF"));
        asSession(staffMember).body("{\"legalName\":\"Someone Else Pvt Ltd\"}").when().put("/v1/settings/shop")
                .then().statusCode(403);
        asSession(staffMember).when().get("/v1/api-keys").then().statusCode(403);
        // STAFF still works the shop: reads and sends.
        asSession(staffMember).when().get("/v1/notifications").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(com.gstcomms.testing.Sql.ofApp().<Long>value(
                "select count(*) from api_key where shop_id = ? and created_by like 'shopify-user:%'", shop.id())).isZero();
    }

    @Test
    void aShopsFirstShopifySessionIsStaffUntilTheAccountOwnerIsKnown() {
        String domain = "unowned-" + System.nanoTime() + ".myshopify.com";
        asSession(SessionTokenMaker.valid(domain)).when().get("/v1/settings/shop").then().statusCode(200);
        asSession(SessionTokenMaker.valid(domain)).body("{\"name\":\"mine\",\"role\":\"OWNER\"}")
                .when().post("/v1/api-keys").then().statusCode(403);
    }

    @Test
    void theShopsAccountOwnerIsOwner() {
        var shop = TestShops.create();
        TestShops.ownedByShopifyUser(shop, "42");
        asSession(SessionTokenMaker.valid(shop.domain(), "42")).body("{\"name\":\"erp\",\"role\":\"STAFF\"}")
                .when().post("/v1/api-keys").then().statusCode(201).body("key", startsWith("gc_live_"));
        // Another user of the same shop is not.
        asSession(SessionTokenMaker.valid(shop.domain(), "43")).when().get("/v1/api-keys").then().statusCode(403);
    }

    @Test
    void keysExpireAfterNinetyDaysByDefaultAndSaySo() {
        var shop = TestShops.create();
        var created = asKey(shop.owner()).body("{\"name\":\"erp\",\"role\":\"STAFF\"}").when().post("/v1/api-keys")
                .then().statusCode(201).body("expiresAt", notNullValue()).extract().jsonPath();
        java.time.OffsetDateTime expiresAt = java.time.OffsetDateTime.parse(created.getString("expiresAt"));
        org.assertj.core.api.Assertions.assertThat(expiresAt).isBetween(java.time.OffsetDateTime.now().plusDays(89),
                java.time.OffsetDateTime.now().plusDays(91));
        // Keys stored before expiry existed (the fixture's rows name none) got 90 days too.
        asKey(shop.owner()).when().get("/v1/api-keys").then().statusCode(200)
                .body("items.find { it.role == 'VIEWER' }.expiresAt", notNullValue())
                .body("items.find { it.role == 'VIEWER' }.expired", equalTo(false));
        asKey(shop.owner()).body("{\"name\":\"x\",\"role\":\"STAFF\",\"expiresInDays\":0}").when().post("/v1/api-keys")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("expiresInDays"));
    }

    @Test
    void anExpiredKeyIsRefusedWithAProblemSayingSoUntilTheOwnerRenewsIt() {
        var shop = TestShops.create();
        var created = asKey(shop.owner()).body("{\"name\":\"erp\",\"role\":\"STAFF\",\"expiresInDays\":7}")
                .when().post("/v1/api-keys").then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        long id = created.getLong("id");
        asKey(key).when().get("/v1/notifications").then().statusCode(200);
        com.gstcomms.testing.Sql.ofApp().update("update api_key set expires_at = now() - interval '1 minute' where id = ?", id);

        asKey(key).when().get("/v1/notifications").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("expired"), "detail", containsString("/v1/api-keys/" + id + "/renew"),
                        "detail", org.hamcrest.Matchers.not(containsString(key)));
        asKey(shop.owner()).when().get("/v1/api-keys").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.expired", equalTo(true));
        // Only the owner renews; a STAFF key cannot.
        asKey(shop.staff()).body("{}").when().post("/v1/api-keys/" + id + "/renew").then().statusCode(403);
        asKey(shop.owner()).body("{\"expiresInDays\":30}").when().post("/v1/api-keys/" + id + "/renew")
                .then().statusCode(200).body("expired", equalTo(false), "expiresAt", notNullValue());
        asKey(key).when().get("/v1/notifications").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(com.gstcomms.testing.Sql.ofApp().<String>value(
                "select action from audit_log where shop_id = ? order by id desc limit 1", shop.id())).isEqualTo("api_key.renew");
    }

    @Test
    void aRevokedKeyIsNotRenewed() {
        var shop = TestShops.create();
        long id = asKey(shop.owner()).body("{\"name\":\"old\",\"role\":\"VIEWER\"}").when().post("/v1/api-keys")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asKey(shop.owner()).when().delete("/v1/api-keys/" + id).then().statusCode(200);
        asKey(shop.owner()).body("{}").when().post("/v1/api-keys/" + id + "/renew").then().statusCode(409);
        asKey(shop.owner()).body("{\"expiresInDays\":400}").when().post("/v1/api-keys/" + id + "/renew")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("expiresInDays"));
    }
}
