package com.gstcomms.api;

import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static com.gstcomms.api.Api.asKey;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RateLimitTest {

    static void limitTo(TestShops.TestShop shop, int perMinute) {
        inTransaction(() -> Shop.update("settings = ?1 where id = ?2", "{\"apiRequestsPerMinute\":" + perMinute + "}", shop.id()));
    }

    /** Stay inside one minute window so the counts are not split by a window boundary. */
    static void awayFromAWindowBoundary() {
        if (Instant.now().getEpochSecond() % 60 > 45) {
            try {
                Thread.sleep((61 - Instant.now().getEpochSecond() % 60) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Limit 4: each key may use 2 (50 %), nothing is kept back for the owner at this size (10 % of 4 rounds
     * to 0), so four requests of three keys fill the shop's window.
     */
    @Test
    void aShopOverItsLimitGets429WithRetryAfterAndOtherShopsDoNot() {
        var busy = TestShops.create();
        var quiet = TestShops.create();
        limitTo(busy, 4);
        awayFromAWindowBoundary();
        for (String key : java.util.List.of(busy.viewer(), busy.viewer(), busy.owner(), busy.owner())) {
            asKey(key).when().get("/v1/notifications").then().statusCode(200);
        }
        String retryAfter = asKey(busy.staff()).when().get("/v1/notifications")
                .then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        asKey(quiet.viewer()).when().get("/v1/notifications").then().statusCode(200);
    }

    /**
     * Limit 10: a key may use 5 of them. The VIEWER key keeps reading after its own 429s; those refused
     * requests do not count against the shop, so the owner's key still has the rest.
     */
    @Test
    void aViewerKeyCannotUseUpTheShopsLimitAndTheOwnerStillGetsIn() {
        var shop = TestShops.create();
        limitTo(shop, 10);
        awayFromAWindowBoundary();
        for (int i = 0; i < 5; i++) {
            asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(200);
        }
        for (int i = 0; i < 20; i++) {
            asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("detail", org.hamcrest.Matchers.containsString("share of the shop's 10"));
        }
        for (int i = 0; i < 5; i++) {
            asKey(shop.owner()).when().get("/v1/notifications").then().statusCode(200);
        }
    }

    /**
     * Limit 10: STAFF and VIEWER keys together stop at 9 (10 % is the owner's), each within its own share
     * of 5, so the owner still acts; then the shop is full for everyone.
     */
    @Test
    void staffAndViewerKeysTogetherLeaveTheOwnersReserve() {
        var shop = TestShops.create();
        limitTo(shop, 10);
        awayFromAWindowBoundary();
        for (int i = 0; i < 5; i++) {
            asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(200);
        }
        for (int i = 0; i < 4; i++) {
            asKey(shop.staff()).when().get("/v1/notifications").then().statusCode(200);
        }
        asKey(shop.staff()).when().get("/v1/notifications").then().statusCode(429)
                .body("detail", org.hamcrest.Matchers.containsString("kept for the owner"));
        asKey(shop.owner()).when().get("/v1/notifications").then().statusCode(200);
        asKey(shop.owner()).when().get("/v1/notifications").then().statusCode(429)
                .body("detail", org.hamcrest.Matchers.containsString("This shop made more than 10"));
    }

    /** The same for Shopify users: each has its own share, so one open admin tab cannot lock out the shop. */
    @Test
    void eachShopifyUserHasItsOwnShare() {
        var shop = TestShops.create();
        limitTo(shop, 4);
        awayFromAWindowBoundary();
        String busyUser = SessionTokenMaker.valid(shop.domain(), "101");
        Api.asSession(busyUser).when().get("/v1/notifications").then().statusCode(200);
        Api.asSession(busyUser).when().get("/v1/notifications").then().statusCode(200);
        Api.asSession(busyUser).when().get("/v1/notifications").then().statusCode(429);
        Api.asSession(SessionTokenMaker.valid(shop.domain(), "102")).when().get("/v1/notifications").then().statusCode(200);
    }

    /** Another Lambda instance counts in the same PostgreSQL row, so its requests use up the same budget. */
    @Test
    void requestsCountedByAnotherInstanceUseUpTheSameBudget() throws Exception {
        var shop = TestShops.create();
        limitTo(shop, 100);
        Instant now = Instant.now();
        OffsetDateTime window = OffsetDateTime.ofInstant(Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60), ZoneOffset.UTC);
        var config = ConfigProvider.getConfig();
        try (Connection c = com.gstcomms.testing.PostgresServer.connectTo(
                config.getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement(
                     "insert into api_rate_window (shop_id, window_start, requests) values (?, ?, 100), (?, ?, 100)")) {
            insert.setLong(1, shop.id());
            insert.setObject(2, window);
            insert.setLong(3, shop.id());
            insert.setObject(4, window.plusMinutes(1));   // in case the minute turns during the test
            insert.executeUpdate();
        }
        asKey(shop.viewer()).when().get("/v1/notifications").then().statusCode(429);
        LocalServers.postgres();
    }
}
