package com.gstcomms.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.gstcomms.api.Api.asKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ShopSettingsTest {

    static final String VALID = """
            {"legalName":"Asha Handlooms Private Limited","tradeName":"Asha","addressLine1":"12 MG Road","city":"Pune",
             "stateCode":"MH","pin":"411001","gstin":"27AAPFU0939F1ZV","email":"accounts@asha.example.in",
             "phone":"020 2612 3456","upiId":"asha@okhdfcbank","pricesIncludeTax":true,"invoicePrefix":"ASH",
             "whatsappFallbackToEmail":true,
             "reminders":{"offsetsDays":[7,-3,7],"channels":["email","whatsapp"],"maxCount":2},
             "sendWindow":{"from":"10:00","to":"19:30"}}""";

    @Test
    void theOwnerSavesTheSupplierDetailsAndEveryoneReadsThem() {
        var shop = TestShops.create();
        asKey(shop.owner()).body(VALID).when().put("/v1/settings/shop")
                .then().statusCode(200).body("stateCode", equalTo("27"), "stateName", equalTo("Maharashtra"),
                        "phone", equalTo("+912026123456"), "reminders.offsetsDays", contains(-3, 7),
                        "reminders.channels", contains("EMAIL", "WHATSAPP"), "reminders.maxCount", equalTo(2),
                        "reminders.enabled", equalTo(true), "sendWindow.from", equalTo("10:00"));
        asKey(shop.viewer()).when().get("/v1/settings/shop").then().statusCode(200)
                .body("gstin", equalTo("27AAPFU0939F1ZV"), "whatsappFallbackToEmail", equalTo(true));
        asKey(shop.staff()).body(VALID).when().put("/v1/settings/shop").then().statusCode(403);
    }

    @Test
    void remindersAreStoredWhereTheSchedulerReadsThemAndStayWhenAPutLeavesThemOut() {
        var shop = TestShops.create();
        asKey(shop.viewer()).when().get("/v1/settings/shop").then().statusCode(200)
                .body("reminders.offsetsDays", contains(-3, 0, 7, 15), "sendWindow.to", equalTo("21:00"));
        asKey(shop.owner()).body(VALID).when().put("/v1/settings/shop").then().statusCode(200);
        // functions/scheduler's ReminderRules reads settings.reminders and settings.sendWindow.
        String stored = (String) com.gstcomms.testing.Sql.ofApp()
                .rows("select settings::text as s from shop where id = ?", shop.id()).getFirst().get("s");
        var json = io.restassured.path.json.JsonPath.from(stored);
        org.assertj.core.api.Assertions.assertThat(json.getList("reminders.offsetsDays")).containsExactly(-3, 7);
        org.assertj.core.api.Assertions.assertThat(json.getList("reminders.channels")).containsExactly("EMAIL", "WHATSAPP");
        org.assertj.core.api.Assertions.assertThat(json.getString("sendWindow.from")).isEqualTo("10:00");
        asKey(shop.owner()).body(VALID.replaceAll("(?s),\\s*\"reminders\".*", "}"))
                .when().put("/v1/settings/shop").then().statusCode(200)
                .body("reminders.maxCount", equalTo(2), "sendWindow.to", equalTo("19:30"));
    }

    @Test
    void theLogoIsUploadedWithAPresignedPut() throws Exception {
        var shop = TestShops.create();
        var upload = asKey(shop.owner()).body("{\"contentType\":\"image/png\",\"sizeBytes\":4}").when().post("/v1/settings/shop/logo")
                .then().statusCode(200).body("logoKey", equalTo("logos/" + shop.id() + "/logo.png")).extract().jsonPath();
        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(upload.getString("uploadUrl"))).header("Content-Type", "image/png")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        org.assertj.core.api.Assertions.assertThat(put.statusCode()).isEqualTo(200);
        asKey(shop.viewer()).when().get("/v1/settings/shop").then().body("logoKey", equalTo("logos/" + shop.id() + "/logo.png"));
        asKey(shop.owner()).body("{\"contentType\":\"image/gif\"}").when().post("/v1/settings/shop/logo").then().statusCode(400);
    }

    @Test
    void refusesALogoOverOneMegabyteAndAnUploadOfAnotherSizeThanAskedFor() throws Exception {
        var shop = TestShops.create();
        asKey(shop.owner()).body("{\"contentType\":\"image/png\",\"sizeBytes\":5242880}").when().post("/v1/settings/shop/logo")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("sizeBytes"));
        asKey(shop.owner()).body("{\"contentType\":\"image/png\"}").when().post("/v1/settings/shop/logo")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("sizeBytes"));
        var upload = asKey(shop.owner()).body("{\"contentType\":\"image/png\",\"sizeBytes\":1000}").when()
                .post("/v1/settings/shop/logo").then().statusCode(200).extract().jsonPath();
        // The size is signed into the link: 2 MB sent to it is refused by S3.
        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(upload.getString("uploadUrl"))).header("Content-Type", "image/png")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        org.assertj.core.api.Assertions.assertThat(put.statusCode()).isBetween(400, 499);
    }

    @Test
    void aGstinFromAnotherStateAndOtherMistakesAreAllNamed() {
        var shop = TestShops.create();
        asKey(shop.owner()).body(VALID.replace("\"MH\"", "\"KA\"").replace("411001", "4110")
                        .replace("asha@okhdfcbank", "asha at bank").replace("\"ASH\"", "\"0ASH\"")
                        .replace("-3", "-300").replace("\"10:00\"", "\"22:00\""))
                .when().put("/v1/settings/shop")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("gstin", "pin", "upiId", "invoicePrefix", "reminders.offsetsDays", "sendWindow.to"),
                        "errors.find { it.field == 'gstin' }.message", containsString("Maharashtra"));
    }
}
