package com.gstcomms.api;

import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static com.gstcomms.api.Api.anonymous;
import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CampaignsAndTemplatesTest {

    @Inject
    UnsubscribeLinks links;

    TestShops.TestShop shop;

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
        Queues.drain("email-bulk");
        Queues.drain("whatsapp-bulk");
    }

    @Test
    void aCampaignNowFansOutToTheOptedInAudienceOnTheBulkQueue() {
        Customer a = TestShops.customer(shop.id(), "c1-" + UUID.randomUUID() + "@example.in", null, false);
        Customer b = TestShops.customer(shop.id(), "c2-" + UUID.randomUUID() + "@example.in", null, false);
        long id = asKey(shop.staff()).body("""
                {"name":"Diwali sale","channel":"EMAIL","audience":{"type":"TAGS","tags":["vip"]},
                 "variables":{"subject":"Diwali sale","heading":"20% off"}}""")
                .when().post("/v1/campaigns")
                .then().statusCode(202).body("status", equalTo("RUNNING"), "total", equalTo(2), "queued", equalTo(2),
                        "fannedOut", equalTo(true))
                .extract().jsonPath().getLong("id");
        assertThat(Queues.drain("email-bulk")).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(SendEmail.class));
        asKey(shop.viewer()).when().get("/v1/campaigns/" + id).then().statusCode(200).body("name", equalTo("Diwali sale"));
        asKey(shop.viewer()).queryParam("campaignId", id).when().get("/v1/notifications")
                .then().body("items.recipient", org.hamcrest.Matchers.containsInAnyOrder(a.email, b.email));
        asKey(TestShops.create().viewer()).when().get("/v1/campaigns/" + id).then().statusCode(404);
    }

    @Test
    void aScheduledCampaignWaitsForTheSchedulerAndBadAudiencesAreNamed() {
        TestShops.customer(shop.id(), "s-" + UUID.randomUUID() + "@example.in", null, false);
        asKey(shop.staff()).body("{\"name\":\"Later\",\"channel\":\"EMAIL\",\"audience\":{\"type\":\"ALL\"},\"scheduledAt\":\""
                        + OffsetDateTime.now().plusDays(2).withNano(0) + "\"}")
                .when().post("/v1/campaigns").then().statusCode(202).body("status", equalTo("SCHEDULED"));
        assertThat(Queues.drain("email-bulk")).isEmpty();
        asKey(shop.staff()).body("{\"name\":\"x\",\"audience\":{\"type\":\"TAGS\",\"tags\":[]}}").when().post("/v1/campaigns")
                .then().statusCode(400).body("errors[0].field", equalTo("audience"));
        asKey(shop.viewer()).body("{\"name\":\"x\"}").when().post("/v1/campaigns").then().statusCode(403);
    }

    @Test
    void builtInTemplatesAreListedPreviewedAndOverriddenByANewShopVersion() {
        asKey(shop.viewer()).queryParam("channel", "EMAIL").when().get("/v1/templates")
                .then().statusCode(200).body("items.id", hasItem("builtin:EMAIL:INVOICE_DELIVERY:en"));
        asKey(shop.viewer()).when().get("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en")
                .then().statusCode(200).body("builtIn", equalTo(true), "subject", notNullValue());
        asKey(shop.viewer()).body("{\"variables\":{\"customerName\":\"Zoë <b>\"}}")
                .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(200).body("subject", notNullValue(), "html", containsString("Zoë &lt;b&gt;"));

        String edit = "{\"subject\":\"Invoice {invoiceNumber} from {shopName}\",\"bodyText\":\"Dear {customerName}, your invoice is attached.\"}";
        String v1 = asKey(shop.owner()).body(edit).when().put("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en")
                .then().statusCode(200).body("version", equalTo(1), "owner", equalTo("shop")).extract().jsonPath().getString("id");
        asKey(shop.owner()).body(edit).when().put("/v1/templates/" + v1).then().statusCode(200).body("version", equalTo(2));
        asKey(shop.staff()).body("{}").when().post("/v1/templates/" + v1 + "/preview")
                .then().statusCode(200).body("subject", equalTo("Invoice INV/2025-26/0042 from Kala Handlooms"));
        asKey(shop.staff()).body(edit).when().put("/v1/templates/" + v1).then().statusCode(403);
        asKey(shop.owner()).body("{\"subject\":\"Invoice {#if}\",\"bodyText\":\"x\"}").when().put("/v1/templates/" + v1)
                .then().statusCode(400).body("errors[0].field", equalTo("subject"));
        asKey(TestShops.create().viewer()).when().get("/v1/templates/" + v1).then().statusCode(404);
    }

    @Test
    void anUnsubscribeLinkSuppressesTheAddressOnceAndForgedOnesAreRefused() {
        Customer c = TestShops.customer(shop.id(), "u-" + UUID.randomUUID() + "@example.in", null, false);
        String token = links.tokenFor(shop.id(), Channel.EMAIL, c.email);
        anonymous().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post("/v1/unsubscribe/" + token).then().statusCode(200);
        anonymous().when().get("/v1/unsubscribe/" + token).then().statusCode(200).body(containsString("unsubscribed"));
        assertThat(inSession(() -> Suppression.findFor(shop.id(), Channel.EMAIL, c.email.toLowerCase())).reason)
                .isEqualTo(Suppression.Reason.UNSUBSCRIBED);
        assertThat(inSession(() -> Customer.<Customer>findById(c.id)).emailOptIn).isFalse();
        String forged = token.substring(0, token.indexOf('.') + 1) + "AAAA";
        anonymous().when().get("/v1/unsubscribe/" + forged).then().statusCode(404);
    }
}
