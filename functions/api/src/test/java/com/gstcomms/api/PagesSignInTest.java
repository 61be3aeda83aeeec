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
}
