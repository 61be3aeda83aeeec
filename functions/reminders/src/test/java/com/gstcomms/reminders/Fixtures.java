package com.gstcomms.reminders;

import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.Sql;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Shops, customers and invoices as the tests need them, written to the real database with plain JDBC
 * ({@link Sql}): the entities handed back are plain objects with their ids, so tests using them also run
 * against the packaged function ({@link DueMessagesHandlerIT}), where the app's Panache is out of reach.
 */
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
        shop.id = db().insert("shop", "shop_domain", shop.shopDomain, "legal_name", shop.legalName,
                "state_code", shop.stateCode, "upi_id", shop.upiId, "settings", Sql.json(shop.settings));
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
        c.id = db().insert("customer", "shop_id", c.shopId, "first_name", c.firstName, "last_name", c.lastName,
                "email", email, "phone", phone, "whatsapp_opt_in", whatsappOptIn);
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
        inv.id = db().insert("invoice", "shop_id", inv.shopId, "customer_id", inv.customerId, "number", inv.number,
                "financial_year", inv.financialYear, "issue_date", inv.issueDate, "due_date", due,
                "supplier_state", "27", "place_of_supply", "27", "prices_include_tax", true,
                "recipient_name", inv.recipientName, "taxable_paise", inv.taxablePaise, "cgst_paise", inv.cgstPaise,
                "sgst_paise", inv.sgstPaise, "grand_total_paise", inv.grandTotalPaise,
                "amount_paid_paise", paidPaise, "status", status.name());
        return inv;
    }

    static Sql db() {
        return Sql.ofApp();
    }
}
