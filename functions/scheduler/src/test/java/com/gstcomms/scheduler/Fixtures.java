package com.gstcomms.scheduler;

import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** Shops, customers and invoices as the tests need them, written to the real database. */
final class Fixtures {
    private Fixtures() {
    }

    static Shop shop(String settingsJson) {
        Shop shop = new Shop();
        shop.shopDomain = "sched-" + UUID.randomUUID() + ".myshopify.com";
        shop.legalName = "Kala Handlooms Pvt Ltd";
        shop.stateCode = "27";
        shop.upiId = "kala.handlooms@okaxis";
        shop.settings = settingsJson == null ? "{}" : settingsJson;
        inTransaction(shop::persist);
        return shop;
    }

    static Customer customer(Shop shop, String email, String phone, boolean whatsappOptIn) {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.firstName = "Asha";
        c.lastName = "Iyer";
        c.email = email;
        c.phone = phone;
        c.whatsappOptIn = whatsappOptIn;
        inTransaction(c::persist);
        return c;
    }

    static Invoice invoice(Shop shop, Customer customer, LocalDate due, Invoice.Status status, long paidPaise) {
        Invoice inv = new Invoice();
        inv.shopId = shop.id;
        inv.customerId = customer == null ? null : customer.id;
        inv.number = "INV/2627/" + UUID.randomUUID().toString().substring(0, 6);
        inv.financialYear = "2026-27";
        inv.issueDate = due.minusDays(15);
        inv.dueDate = due;
        inv.supplierState = "27";
        inv.placeOfSupply = "27";
        inv.pricesIncludeTax = true;
        inv.recipientName = customer == null ? "Walk-in" : customer.displayName();
        inv.taxablePaise = 287_797;
        inv.cgstPaise = 25_902;
        inv.sgstPaise = 25_901;
        inv.grandTotalPaise = 339_600;
        inv.amountPaidPaise = paidPaise;
        inv.status = status;
        inTransaction(inv::persist);
        return inv;
    }

    /** A clock stopped at one instant. */
    static final class FixedClock extends SchedulerClock {
        private final Instant now;

        FixedClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant now() {
            return now;
        }
    }
}
