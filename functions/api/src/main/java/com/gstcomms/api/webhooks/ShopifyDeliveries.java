package com.gstcomms.api.webhooks;

import com.gstcomms.api.http.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.NativeSql.update;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inSessionLater;

/**
 * The compliance deliveries already handled ({@code shopify_webhook_delivery}), so that each one acts once.
 *
 * <p>Shopify sends a delivery again, with the same {@code X-Shopify-Webhook-Id}, until it gets a 2xx (8 times
 * over 4 hours), and says to de-duplicate on that id. The id is a header, though, and the HMAC covers only the
 * body: whoever holds one signed body can post it again under a fresh id. So a delivery is also a duplicate
 * when the same body (SHA-256) arrives again for the same topic and the same shop row (a shop that reinstalls
 * gets a new row, so its later shop/redact is not taken for the old one). Rows are kept 400 days, then swept:
 * the id needs 7 days, but a body captured once (a log, a proxy) carries a valid HMAC until the app secret
 * is rotated, and its fresh headers are the attacker's, so the body's hash must outlive any plausible capture;
 * compliance deliveries are a few per shop a year, so this costs nothing.
 *
 * <p>A claim is taken before the work and marked DONE after it; a failed attempt drops its claim, so
 * Shopify's retry does the work. A claim left by an attempt that died (Lambda timeout) is taken over after
 * {@link #LEASE}.
 */
@ApplicationScoped
public class ShopifyDeliveries {

    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration KEPT = Duration.ofDays(400);

    /** The same delivery: its id, or its body for the same topic and shop row (?1..?4). */
    private static final String SAME = "(webhook_id = ?1 or (shop_id = ?2 and topic = ?3 and body_sha256 = ?4))";
    private static final String CLAIM = """
            insert into shopify_webhook_delivery (webhook_id, topic, shop_domain, shop_id, body_sha256, status)
            values (?1, ?2, ?3, ?4, ?5, 'PROCESSING') on conflict do nothing""";
    private static final String TAKE_OVER = """
            update shopify_webhook_delivery set received_at = now()
            where status = 'PROCESSING' and received_at < now() - make_interval(secs => ?5) and\s""" + SAME;
    private static final String SEEN = """
            select status from shopify_webhook_delivery where\s""" + SAME + " limit 1";


    /** One delivery: its id, topic, shop and the SHA-256 of its body. */
    public record Delivery(String webhookId, String topic, String shopDomain, long shopId, String bodySha256) {
    }

    /**
     * Claims the delivery.
     *
     * @return true to do the work; false when it was done before (answer 200, change nothing)
     * @throws Problem 409 (with Retry-After) while another attempt of it is still running
     */
    public boolean claim(Delivery d) {
        return claim(d, true);
    }

    private boolean claim(Delivery d, boolean again) {
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            // Housekeeping, as the other sweeps: off the delivery's path, so it adds nothing to Shopify's 5 s.
            inSessionLater(() -> update("delete from shopify_webhook_delivery where received_at < now() - make_interval(secs => ?1)",
                    (double) KEPT.toSeconds()));
        }
        if (run(CLAIM, d.webhookId(), d.topic(), d.shopDomain(), d.shopId(), d.bodySha256()) == 1) {
            return true;
        }
        var seen = inSession(() -> rows(SEEN, key(d)).ifNoItem().after(Duration.ofSeconds(10)).fail());
        if (seen.isEmpty() && again) {
            return claim(d, false);   // the other attempt dropped its claim meanwhile
        }
        if (!seen.isEmpty() && "DONE".equals(seen.getFirst()[0])) {
            return false;
        }
        if (run(TAKE_OVER, d.webhookId(), d.shopId(), d.topic(), d.bodySha256(), (double) LEASE.toSeconds()) == 1) {
            return true;
        }
        throw new Problem(409, "in-progress", "Delivery in progress",
                "This delivery is being handled; retry later", null, Map.of("Retry-After", "60"));
    }

    public void done(Delivery d) {
        run("update shopify_webhook_delivery set status = 'DONE', finished_at = now() where status = 'PROCESSING' and "
                + SAME, key(d));
    }

    /** Forgets the claim: the work failed (Shopify retries) or was refused for now (a shop still installed). */
    public void release(Delivery d) {
        run("delete from shopify_webhook_delivery where status = 'PROCESSING' and " + SAME, key(d));
    }

    private static Object[] key(Delivery d) {
        return new Object[]{d.webhookId(), d.shopId(), d.topic(), d.bodySha256()};
    }

    /** Each statement commits on its own (a session without a transaction): a claim must be seen by a retry at once. */
    private static int run(String sql, Object... args) {
        return inSession(() -> update(sql, args).ifNoItem().after(Duration.ofSeconds(10)).fail());
    }
}
