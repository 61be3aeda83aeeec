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

    @Test
    void aShopOverItsLimitGets429WithRetryAfterAndOtherShopsDoNot() {
        var busy = TestShops.create();
        var quiet = TestShops.create();
        limitTo(busy, 3);
        // Stay inside one minute window so the count is not split by a window boundary.
        if (Instant.now().getEpochSecond() % 60 > 50) {
            try {
                Thread.sleep((61 - Instant.now().getEpochSecond() % 60) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < 3; i++) {
            asKey(busy.viewer()).when().get("/v1/notifications").then().statusCode(200);
        }
        String retryAfter = asKey(busy.viewer()).when().get("/v1/notifications")
                .then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        asKey(quiet.viewer()).when().get("/v1/notifications").then().statusCode(200);
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
