package com.gstcomms.api;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.gstcomms.api.Api.LAMBDA_PORT;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The unsubscribe link of bulk messages: following it (what a mail scanner does) changes nothing; the
 * confirmation form and RFC 8058 one-click (both POST) unsubscribe.
 */
@QuarkusTest
class UnsubscribeLinksTest {

    @Inject
    UnsubscribeLinks links;

    private static Suppression suppressionOf(TestShops.TestShop shop, Customer c) {
        return inSession(() -> Suppression.findFor(shop.id(), Channel.EMAIL, c.email.toLowerCase()));
    }

    private static boolean optedIn(Customer c) {
        return inSession(() -> Customer.<Customer>findById(c.id)).emailOptIn;
    }

    @Test
    void followingTheLinkOnlyAsksAndChangesNothing() {
        TestShops.TestShop shop = TestShops.create();
        Customer c = TestShops.customer(shop.id(), "scan-" + UUID.randomUUID() + "@example.in", null, false);
        String token = links.tokenFor(shop.id(), Channel.EMAIL, c.email);
        for (int i = 0; i < 3; i++) {   // a scanner, a link preview, the recipient having a look
            given().port(LAMBDA_PORT).when().get("/v1/unsubscribe/" + token).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .body(containsString("<form method=\"post\">"), containsString("List-Unsubscribe"),
                            containsString("Asha Handlooms"), containsString(c.email.toLowerCase()),
                            not(containsString("You are unsubscribed")));
        }
        assertThat(suppressionOf(shop, c)).isNull();
        assertThat(optedIn(c)).isTrue();
        assertThat(com.gstcomms.testing.Sql.ofApp().<Long>value(
                "select count(*) from audit_log where shop_id = ? and action = 'suppression.unsubscribe'", shop.id())).isZero();
    }

    @Test
    void theConfirmationFormUnsubscribes() {
        TestShops.TestShop shop = TestShops.create();
        Customer c = TestShops.customer(shop.id(), "form-" + UUID.randomUUID() + "@example.in", null, false);
        String token = links.tokenFor(shop.id(), Channel.EMAIL, c.email);
        // What the browser posts from the page: its own URL, the form's hidden field.
        given().port(LAMBDA_PORT).contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post("/v1/unsubscribe/" + token).then().statusCode(200).body(containsString("You are unsubscribed"));
        assertThat(suppressionOf(shop, c).reason).isEqualTo(Suppression.Reason.UNSUBSCRIBED);
        assertThat(optedIn(c)).isFalse();
        given().port(LAMBDA_PORT).when().get("/v1/unsubscribe/" + token).then().statusCode(200)
                .body(containsString("already unsubscribed"), not(containsString("<form")));
    }

    @Test
    void oneClickFromTheMailClientUnsubscribes() {
        TestShops.TestShop shop = TestShops.create();
        Customer c = TestShops.customer(shop.id(), "oneclick-" + UUID.randomUUID() + "@example.in", null, false);
        String token = links.tokenFor(shop.id(), Channel.EMAIL, c.email);
        given().port(LAMBDA_PORT).contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post("/v1/unsubscribe/" + token).then().statusCode(200);
        assertThat(suppressionOf(shop, c).reason).isEqualTo(Suppression.Reason.UNSUBSCRIBED);
        assertThat(optedIn(c)).isFalse();
    }

    @Test
    void theConfirmationPageIsNotFramedCachedOrReferred() {
        TestShops.TestShop shop = TestShops.create();
        String token = links.tokenFor(shop.id(), Channel.EMAIL, "headers-" + UUID.randomUUID() + "@example.in");
        Response page = given().port(LAMBDA_PORT).when().get("/v1/unsubscribe/" + token);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "form-action 'self'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        given().port(LAMBDA_PORT).when().get("/v1/unsubscribe/" + token.substring(0, token.indexOf('.') + 1) + "AAAA")
                .then().statusCode(404).body(containsString("not valid"), not(containsString("<form")));
    }
}
