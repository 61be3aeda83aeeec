package com.gstcomms.scheduler;

import com.gstcomms.testing.Sql;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The rows the schedule tests need, written to the real database with plain JDBC ({@link Sql}) and
 * handed back as ids, so the tests also run against the packaged function ({@link DueMessagesHandlerIT}),
 * where the app's Panache is out of reach.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** A shop with the default settings; its id. */
    static long shop() {
        return db().insert("shop", "shop_domain", "sched-" + UUID.randomUUID() + ".myshopify.com",
                "legal_name", "Kala Handlooms Pvt Ltd", "state_code", "27");
    }

    /** A customer of the shop reached by email, subscribed to campaigns or not; its id. */
    static long emailCustomer(long shop, String email, boolean emailOptIn) {
        return db().insert("customer", "shop_id", shop, "first_name", "Asha", "email", email,
                "email_opt_in", emailOptIn);
    }

    static Sql db() {
        return Sql.ofApp();
    }
}
