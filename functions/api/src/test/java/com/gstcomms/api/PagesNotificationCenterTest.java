package com.gstcomms.api;

import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** The Notification Center pages as a browser uses them: cookie session, CSRF token, htmx requests. */
@QuarkusTest
class PagesNotificationCenterTest {

    TestShops.TestShop shop;

    @BeforeEach
    void freshShop() {
        shop = TestShops.create();
        Queues.drain("email");
        Queues.drain("whatsapp");
    }

    private List<Notification> notifications(long shopId) {
        return inSession(() -> Notification.<Notification>list("shopId", shopId));
    }

    @Test
    void aViewerSeesADisabledSendButtonAndItsSendIsRefused() {
        var customer = TestShops.customer(shop.id(), "v-" + UUID.randomUUID() + "@example.in", null, false);
        Browser viewer = Browser.signIn(shop.viewer());
        String page = viewer.open("/ui/notifications/individual").then().statusCode(200).extract().asString();
        assertThat(page).containsPattern("id=\"send-button\"[^>]*disabled").contains("id=\"send-disabled-reason\"");
        viewer.htmx().formParam("customerId", customer.id).formParam("channel", "EMAIL")
                .formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en").formParam("requestId", "r1")
                .when().post("/ui/notifications/individual/send")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("role=\"alert\""), containsString("STAFF"));
        assertThat(notifications(shop.id())).isEmpty();
        assertThat(Queues.drain("email")).isEmpty();

        Browser staff = Browser.signIn(shop.staff());
        assertThat(staff.open("/ui/notifications/individual").asString()).doesNotContainPattern("id=\"send-button\"[^>]*disabled");
    }

    @Test
    void sendingFromTheIndividualTabQueuesTheMessageAndShowsItInTheLog() {
        var customer = TestShops.customer(shop.id(), "asha-" + UUID.randomUUID() + "@example.in", null, false);
        Browser staff = Browser.signIn(shop.staff());
        staff.htmx().queryParam("search", "asha-").when().get("/ui/notifications/individual/customers")
                .then().statusCode(200).body(containsString("value=\"" + customer.id + "\""));
        String result = staff.htmx().formParam("customerId", customer.id).formParam("channel", "EMAIL")
                .formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en")
                .formParam("variables", "orderName=#IN1001").formParam("requestId", "req-" + UUID.randomUUID())
                .when().post("/ui/notifications/individual/send")
                .then().statusCode(200).body(containsString("1 of 1 queued")).extract().asString();
        Notification sent = notifications(shop.id()).getFirst();
        assertThat(sent.recipient).isEqualTo(customer.email);
        assertThat(sent.kind).isEqualTo("ORDER_CONFIRMATION");
        assertThat(result).contains("/ui/notifications/log?id=" + sent.id);
        assertThat(Queues.drain("email")).containsExactly(new SendEmail(shop.id(), sent.id, null));

        staff.open("/ui/notifications/log").then().statusCode(200)
                .body(containsString("id=\"log-row-" + sent.id + "\""), containsString(customer.email));
        staff.htmx().when().get("/ui/notifications/log/" + sent.id).then().statusCode(200)
                .body(containsString("id=\"timeline-events\""), containsString("ORDER_CONFIRMATION"));
    }

    @Test
    void theSameFormSentTwiceSendsOnce() {
        Browser staff = Browser.signIn(shop.staff());
        for (int i = 0; i < 2; i++) {
            staff.htmx().formParam("to", "twice@example.in").formParam("channel", "EMAIL")
                    .formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en").formParam("requestId", "same-request")
                    .when().post("/ui/notifications/individual/send").then().statusCode(200);
        }
        assertThat(notifications(shop.id())).hasSize(1);
    }

    @Test
    void aShopSeesOnlyItsOwnMessagesInTheLog() {
        TestShops.TestShop other = TestShops.create();
        long theirs = asKey(other.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"secret-buyer@other.example.in\"}")
                .when().post("/v1/notifications").then().statusCode(202).extract().jsonPath().getLong("id");
        Browser mine = Browser.signIn(shop.owner());
        mine.open("/ui/notifications/log").then().statusCode(200)
                .body(not(containsString("secret-buyer@other.example.in")), not(containsString("log-row-" + theirs + "\"")));
        mine.htmx().when().get("/ui/notifications/log/" + theirs).then().statusCode(404)
                .body(not(containsString("secret-buyer")));
        mine.open("/ui/notifications/log?id=" + theirs).then().statusCode(404);
    }

    @Test
    void aHindiTemplatePreviewRendersHindi() {
        Browser viewer = Browser.signIn(shop.viewer());
        viewer.open("/ui/notifications/templates?channel=EMAIL&kind=INVOICE_DELIVERY&locale=hi").then().statusCode(200)
                .body(containsString("value=\"builtin:EMAIL:INVOICE_DELIVERY:hi\""), containsString("<option value=\"hi\" selected"));
        viewer.htmx().formParam("id", "builtin:EMAIL:INVOICE_DELIVERY:hi")
                .when().post("/ui/notifications/templates/preview")
                .then().statusCode(200)
                .body(containsString("lang=\"hi\""), matchesPattern("(?s).*id=\"preview-subject\">[^<]*\\p{IsDevanagari}.*"),
                        containsString("INV/2025-26/0042"));
    }

    @Test
    void savingATemplateAddsAVersionToItsHistoryAndOnlyTheOwnerMaySave() {
        Browser staff = Browser.signIn(shop.staff());
        staff.open("/ui/notifications/templates").then().body(matchesPattern("(?s).*id=\"template-save\"[^>]*disabled.*"));
        staff.htmx().formParam("id", "builtin:EMAIL:ORDER_CONFIRMATION:en").formParam("subject", "x").formParam("bodyText", "y")
                .when().post("/ui/notifications/templates/save").then().statusCode(403);
        Browser owner = Browser.signIn(shop.owner());
        owner.htmx().formParam("id", "builtin:EMAIL:ORDER_CONFIRMATION:en").formParam("subject", "Order {orderRef} confirmed")
                .formParam("bodyText", "Namaste {customerName}, thank you.")
                .when().post("/ui/notifications/templates/save")
                .then().statusCode(200).body(containsString("Saved as version 1"), containsString("Version 1"),
                        containsString("Built-in"));
        asKey(shop.viewer()).when().get("/v1/templates/builtin:EMAIL:ORDER_CONFIRMATION:en/versions").then().statusCode(200)
                .body("items.version", org.hamcrest.Matchers.contains(1, null),
                        "items.builtIn", org.hamcrest.Matchers.contains(false, true));
        owner.htmx().formParam("id", "builtin:EMAIL:ORDER_CONFIRMATION:en").formParam("subject", "")
                .formParam("bodyText", "{#if}")
                .when().post("/ui/notifications/templates/save")
                .then().statusCode(400).body(containsString("role=\"alert\""), containsString("subject"));
    }

    @Test
    void providerSecretsNeverAppearInAnyPage() {
        Browser owner = Browser.signIn(shop.owner());
        String saved = owner.htmx().formParam("apiKey", SendGridStandIn.VALID_API_KEY).formParam("fromEmail", "billing@asha.example.in")
                .when().post("/ui/notifications/settings/sendgrid").then().statusCode(200).extract().asString();
        ShopTwilioAccount twilio = ShopTwilioAccount.owning("+912240000000");
        String savedTwilio = owner.htmx().formParam("accountSid", twilio.accountSid()).formParam("authToken", twilio.authToken())
                .formParam("sender", "+91 22 4000 0000")
                .when().post("/ui/notifications/settings/twilio").then().statusCode(200).extract().asString();
        String page = owner.open("/ui/notifications/settings").then().statusCode(200).extract().asString();
        String status = owner.htmx().when().get("/ui/notifications/settings/status").then().statusCode(200).extract().asString();
        for (String html : List.of(saved, savedTwilio, page, status)) {
            assertThat(html).doesNotContain(SendGridStandIn.VALID_API_KEY, twilio.authToken());
        }
        assertThat(page).contains("id=\"sendgrid-stored\"", "****", "billing@asha.example.in");
        assertThat(status).contains("id=\"status-sendgrid\"", "working");
        LocalServers.sendGrid().reset();
        owner.htmx().formParam("provider", "SENDGRID").formParam("to", "me@asha.example.in")
                .when().post("/ui/notifications/settings/test")
                .then().statusCode(200).body(containsString("SENDGRID: sent"));
        assertThat(LocalServers.sendGrid().sent()).singleElement();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        Browser staff = Browser.signIn(shop.staff());
        staff.withoutCsrf().formParam("to", "csrf@example.in").formParam("channel", "EMAIL")
                .formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en")
                .when().post("/ui/notifications/individual/send")
                .then().statusCode(403).body(containsString("CSRF"));
        staff.withoutCsrf().header("X-CSRF-Token", "forged").formParam("to", "csrf@example.in").formParam("channel", "EMAIL")
                .formParam("templateId", "builtin:EMAIL:ORDER_CONFIRMATION:en")
                .when().post("/ui/notifications/individual/send").then().statusCode(403);
        assertThat(notifications(shop.id())).isEmpty();
    }

    @Test
    void automatedSettingsAreStoredWhereTheSchedulerReadsThem() {
        Browser owner = Browser.signIn(shop.owner());
        owner.open("/ui/notifications/automated").then().statusCode(200).body(containsString("value=\"-3, 0, 7, 15\""));
        owner.htmx().formParam("remindersEnabled", "on").formParam("offsetsDays", "7, -2, 0").formParam("channelOrder", "EMAIL")
                .formParam("maxCount", "3").formParam("sendFrom", "10:00").formParam("sendTo", "19:30")
                .formParam("orderEmail", "on").formParam("whatsappFallbackToEmail", "on")
                .when().post("/ui/notifications/automated").then().statusCode(200).body(containsString("id=\"automated-saved\""));
        Shop stored = inSession(() -> Shop.<Shop>findById(shop.id()));
        var settings = com.gstcomms.api.http.Json.tree(stored.settings);
        // The shape functions/scheduler's ReminderRules reads: reminders{enabled,offsetsDays,channels,maxCount}, sendWindow.
        var reminders = settings.path("reminders");
        assertThat(reminders.path("enabled").asBoolean()).isTrue();
        assertThat(reminders.path("offsetsDays").toString()).isEqualTo("[-2,0,7]");
        assertThat(reminders.path("channels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(reminders.path("maxCount").asInt()).isEqualTo(3);
        assertThat(settings.path("sendWindow").path("from").asText()).isEqualTo("10:00");
        assertThat(settings.path("sendWindow").path("to").asText()).isEqualTo("19:30");
        assertThat(settings.path("automated").path("orderConfirmation").path("email").asBoolean()).isTrue();
        assertThat(stored.whatsappFallbackToEmail).isTrue();

        owner.htmx().formParam("offsetsDays", "soon").formParam("channelOrder", "EMAIL").formParam("maxCount", "3")
                .formParam("sendFrom", "20:00").formParam("sendTo", "08:00")
                .when().post("/ui/notifications/automated").then().statusCode(400)
                .body(containsString("offsetsDays"), containsString("sendTo"));
        Browser staff = Browser.signIn(shop.staff());
        staff.htmx().formParam("offsetsDays", "1").formParam("channelOrder", "EMAIL").formParam("maxCount", "3")
                .formParam("sendFrom", "09:00").formParam("sendTo", "21:00")
                .when().post("/ui/notifications/automated").then().statusCode(403);
    }

    @Test
    void aCampaignCountsItsAudienceStartsAndShowsProgress() {
        var vip = TestShops.customer(shop.id(), "vip-" + UUID.randomUUID() + "@example.in", null, false);
        Browser staff = Browser.signIn(shop.staff());
        staff.htmx().formParam("audience", "TAGS").formParam("tags", "vip, nobody").formParam("channel", "EMAIL")
                .when().post("/ui/notifications/bulk/count").then().statusCode(200)
                .body(containsString("<strong>1</strong> of 1"));
        staff.htmx().formParam("name", "Diwali").formParam("audience", "TAGS").formParam("tags", "vip").formParam("channel", "EMAIL")
                .formParam("templateId", "builtin:EMAIL:CAMPAIGN:en").formParam("variables", "offer=20% off")
                .formParam("requestId", "c-" + UUID.randomUUID())
                .when().post("/ui/notifications/bulk/start").then().statusCode(200)
                .body(containsString("role=\"progressbar\""), containsString("Diwali"));
        assertThat(notifications(shop.id())).singleElement().satisfies(n -> {
            assertThat(n.recipient).isEqualTo(vip.email);
            assertThat(n.campaignId).isNotNull();
        });
        staff.open("/ui/notifications/bulk").then().statusCode(200).body(containsString("Diwali"));
    }

    @Test
    void analyticsDrawsRatesPerChannel() {
        asKey(shop.staff()).body("{\"channel\":\"EMAIL\",\"kind\":\"ORDER_CONFIRMATION\",\"to\":\"a@example.in\"}")
                .when().post("/v1/notifications").then().statusCode(202);
        Browser viewer = Browser.signIn(shop.viewer());
        viewer.open("/ui/notifications/analytics?groupBy=channel").then().statusCode(200)
                .body(containsString("id=\"rates-chart\""), containsString("<th scope=\"row\">EMAIL</th>"),
                        containsString("class=\"bar-delivered\""));
        viewer.open("/ui/notifications/analytics?from=2026-13-01").then().statusCode(400).body(containsString("from"));
    }
}
