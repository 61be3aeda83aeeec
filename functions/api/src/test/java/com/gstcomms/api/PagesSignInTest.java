package com.gstcomms.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static com.gstcomms.api.Api.asKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PagesSignInTest {

    @Test
    void signsInWithAnApiKeyIntoACookieThatIsNotTheKey() {
        TestShops.TestShop shop = TestShops.create();
        Response answer = Browser.postSignIn(shop.staff());
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/ui/notifications");
        String setCookie = answer.header("Set-Cookie");
        assertThat(setCookie).contains("gc_ui=", "HttpOnly", "SameSite=Strict", "Path=/ui").doesNotContain(shop.staff());
        Browser browser = Browser.signIn(shop.staff());
        browser.open("/ui/notifications").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString(shop.domain()), containsString("STAFF"), not(containsString(shop.staff())));
    }

    @Test
    void refusesAWrongKeyWithTheFormAgain() {
        Browser.postSignIn("gc_live_00000000000000000000000000000000").then().statusCode(401)
                .header("Set-Cookie", equalTo(null))
                .body(containsString("not valid"), containsString("id=\"api-key\""));
    }

    @Test
    void anotherSiteCannotSignTheBrowserIn() {
        TestShops.TestShop shop = TestShops.create();
        given().port(Api.LAMBDA_PORT).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").formParam("apiKey", shop.staff())
                .when().post("/ui/sign-in").then().statusCode(403).header("Set-Cookie", equalTo(null));
    }

    @Test
    void revokingTheKeyEndsItsPageSessions() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.staff());
        long keyId = asKey(shop.owner()).when().get("/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.role == 'STAFF' }.id");
        asKey(shop.owner()).when().delete("/v1/api-keys/" + keyId).then().statusCode(200);
        browser.open("/ui/notifications").then().statusCode(303).header("Location", containsString("/ui/sign-in"));
        browser.request().header("HX-Request", "true").when().get("/ui/notifications/log")
                .then().statusCode(401).header("HX-Redirect", "/ui/sign-in");
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        given().port(Api.LAMBDA_PORT).redirects().follow(false).when().get("/ui/notifications")
                .then().statusCode(303).header("Location", containsString("/ui/sign-in"));
        given().port(Api.LAMBDA_PORT).redirects().follow(false).cookie("gc_ui", "1.99999999999.AAAA.forged")
                .when().get("/ui/notifications").then().statusCode(303);
    }

    @Test
    void theCookieDoesNotOpenTheJsonApi() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.owner());
        browser.request().when().get("/v1/notifications").then().statusCode(401);
    }

    @Test
    void embeddedInShopifyThePageTakesTheSessionTokenAndHandsItToHtmx() {
        String domain = "embedded-" + System.nanoTime() + ".myshopify.com";
        String token = SessionTokenMaker.valid(domain);
        String page = given().port(Api.LAMBDA_PORT).redirects().follow(false).queryParam("id_token", token)
                .when().get("/ui/notifications/individual").then().statusCode(200).extract().asString();
        assertThat(page).contains(domain, "Authorization&quot;:&quot;Bearer " + token, "app-bridge.js")
                .doesNotContain("id=\"sign-out\"");
        // htmx sends it back as Authorization: no cookie, so no CSRF token is needed (nothing ambient to forge).
        given().port(Api.LAMBDA_PORT).header("Authorization", "Bearer " + token).header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded").formParam("to", "owner@" + domain.replace(".myshopify.com", ".example.in"))
                .formParam("channel", "EMAIL").formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en")
                .when().post("/ui/notifications/individual/send").then().statusCode(200).body(containsString("1 of 1 queued"));
        Queues.drain("email");
        given().port(Api.LAMBDA_PORT).redirects().follow(false).queryParam("id_token", token + "x")
                .when().get("/ui/notifications").then().statusCode(303).header("Location", containsString("/ui/sign-in"));
    }

    @Test
    void thePagesAreNotInTheApiDocument() {
        given().port(Api.LAMBDA_PORT).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body(containsString("/v1/notifications"), not(containsString("\"/ui/")));
    }

    @Test
    void servesTheStylesheetAndHtmx() {
        given().port(Api.LAMBDA_PORT).when().get("/ui/assets/app.css").then().statusCode(200)
                .contentType(containsString("text/css"));
        given().port(Api.LAMBDA_PORT).when().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200)
                .body(containsString("htmx"));
    }

    @Test
    void signingOutEndsTheSessionOnTheServerSoACopiedCookieStopsWorking() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.staff());
        String copied = browser.cookie();
        browser.htmx().when().post("/ui/sign-out").then().statusCode(204).header("HX-Redirect", "/ui/sign-in");
        // The browser forgot the cookie; whoever copied it (a shared computer, a proxy log) replays it.
        given().port(Api.LAMBDA_PORT).redirects().follow(false).cookie("gc_ui", copied)
                .when().get("/ui/notifications").then().statusCode(303).header("Location", containsString("/ui/sign-in"));
        given().port(Api.LAMBDA_PORT).redirects().follow(false).cookie("gc_ui", copied).header("HX-Request", "true")
                .when().get("/ui/notifications/log").then().statusCode(401).header("HX-Redirect", "/ui/sign-in");
        // Another session of the same key is not affected.
        Browser.signIn(shop.staff()).open("/ui/notifications").then().statusCode(200);
    }

    @Test
    void theCookieHoldsOnlyARandomTokenAndTheServerOnlyItsHash() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.viewer());
        assertThat(browser.cookie()).matches("[A-Za-z0-9_-]{43}");
        com.gstcomms.testing.Sql db = com.gstcomms.testing.Sql.ofApp();
        assertThat(db.<Long>value("select count(*) from ui_session where token_hash = ? and shop_id = ? and role = 'VIEWER'"
                + " and revoked_at is null and expires_at between now() + interval '7 hours' and now() + interval '8 hours 1 minute'",
                com.gstcomms.api.auth.ApiKeys.hash(browser.cookie()), shop.id())).isEqualTo(1L);
        assertThat(db.<Long>value("select count(*) from ui_session where token_hash = ?", browser.cookie())).isZero();
    }

    @Test
    void anExpiredKeyNeitherSignsInNorKeepsItsPageSessions() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.staff());
        com.gstcomms.testing.Sql.ofApp().update("update api_key set expires_at = now() - interval '1 second' where shop_id = ? and role = 'STAFF'",
                shop.id());
        browser.open("/ui/notifications").then().statusCode(303).header("Location", containsString("/ui/sign-in"));
        Browser.postSignIn(shop.staff()).then().statusCode(401).header("Set-Cookie", equalTo(null))
                .body(containsString("expired"));
    }

    @Test
    void anEmbeddedPageMayBeFramedOnlyByItsOwnShopsAdmin() {
        String domain = "framed-" + System.nanoTime() + ".myshopify.com";
        Response page = given().port(Api.LAMBDA_PORT).redirects().follow(false)
                .queryParam("id_token", SessionTokenMaker.valid(domain)).queryParam("shop", "attacker.myshopify.com")
                .when().get("/ui/notifications/individual");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy"))
                .contains("frame-ancestors https://" + domain + " https://admin.shopify.com;")
                .doesNotContain("attacker");
        assertThat(page.header("X-Frame-Options")).isNull();
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.headers().getValues("Content-Security-Policy")).hasSize(1);
    }

    @Test
    void aSignedInPageNamesTheKeysShopAndPagesWithoutAShopMayNotBeFramedAtAll() {
        TestShops.TestShop shop = TestShops.create();
        Browser browser = Browser.signIn(shop.viewer());
        assertThat(browser.open("/ui/notifications").header("Content-Security-Policy"))
                .contains("frame-ancestors https://" + shop.domain() + " https://admin.shopify.com;");
        Response signIn = given().port(Api.LAMBDA_PORT).when().get("/ui/sign-in");
        assertThat(signIn.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(signIn.header("X-Frame-Options")).isNull();
        Response refused = given().port(Api.LAMBDA_PORT).redirects().follow(false).when().get("/ui/notifications");
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(given().port(Api.LAMBDA_PORT).when().get("/ui/assets/app.css").header("X-Content-Type-Options"))
                .isEqualTo("nosniff");
    }

    @Test
    void aShopDomainThatIsNotAPlainMyshopifyNameNeverReachesTheHeader() {
        TestShops.TestShop shop = TestShops.create();
        String odd = "Odd-" + System.nanoTime() + ".myshopify.com https://attacker.example";
        com.gstcomms.testing.Sql.ofApp().update("update shop set shop_domain = ? where id = ?", odd, shop.id());
        Response page = Browser.signIn(shop.viewer()).open("/ui/notifications");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'").doesNotContain("attacker");
    }
}
