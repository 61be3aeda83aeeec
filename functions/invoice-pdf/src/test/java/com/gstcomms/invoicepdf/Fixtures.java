package com.gstcomms.invoicepdf;

import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.invoice.FinancialYear;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.words.AmountInWords;
import com.gstcomms.testing.Sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows shaped like the sample store's: a Maharashtra shop, its customers, invoices, shipments. Written
 * with plain JDBC ({@link Sql}) so that the same fixtures serve the {@code @QuarkusTest}s and the
 * integration tests, where the app (jar or native binary) runs as its own process.
 */
final class Fixtures {

    record Shop(long id) {
    }

    record Customer(long id, String email) {
    }

    record Invoice(long id, String number) {
    }

    record Shipment(long id, String orderRef) {
    }

    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private Fixtures() {
    }

    static Sql db() {
        return Sql.ofApp();
    }

    static Shop shop() {
        return new Shop(db().insert("shop",
                "shop_domain", "rangoli-" + UUID.randomUUID() + ".myshopify.com",
                "legal_name", "Rangoli Crafts Private Limited",
                "trade_name", "Rangoli Crafts",
                "address_line1", "Unit 4, Laxmi Industrial Estate",
                "address_line2", "Station Road",
                "city", "Pune",
                "state_code", "27",
                "pin", "411001",
                "gstin", "27AAPFU0939F1ZV",
                "phone", "+912026123456",
                "email", "accounts@rangoli.example.in",
                "upi_id", "rangoli.crafts@okaxis"));
    }

    static Customer customer(Shop shop, boolean whatsapp) {
        String email = "aarav+" + UUID.randomUUID() + "@example.in";
        return new Customer(db().insert("customer",
                "shop_id", shop.id(),
                "first_name", "Aarav",
                "last_name", "Nair",
                "email", email,
                "phone", "+917435429891",
                "whatsapp_opt_in", whatsapp,
                "email_opt_in", true), email);
    }

    /** An issued invoice MH → MH (or → TN) of the sample's three lines, figures from the GST calculator. */
    static Invoice invoice(Shop shop, Customer customer, IndianState placeOfSupply) {
        List<InvoiceLine> lines = List.of(
                InvoiceLine.of("Steel Tiffin Box, 3 tier", "7323", BigDecimal.valueOf(4), "NOS", Money.parse("849.00"), Rate.of(18)),
                new InvoiceLine("Cotton Kurta, hand block printed", "6211", BigDecimal.valueOf(3), "NOS",
                        Money.parse("1299.00"), Money.parse("150.00"), Rate.of(5), Rate.ZERO));
        TaxedInvoice t = GstCalculator.calculate(lines, IndianState.MAHARASHTRA, placeOfSupply, PriceBasis.INCLUSIVE_OF_TAX);
        LocalDate issued = LocalDate.of(2026, 10, 5);
        String number = "INV/2627/" + String.format("%06d", NUMBERS.incrementAndGet());
        Sql db = db();
        long id = db.insert("invoice",
                "shop_id", shop.id(),
                "customer_id", customer == null ? null : customer.id(),
                "financial_year", FinancialYear.of(issued).label(),
                "number", number,
                "order_ref", "#IN1001",
                "issue_date", issued,
                "due_date", issued.plusDays(15),
                "supplier_state", "27",
                "place_of_supply", placeOfSupply.code(),
                "prices_include_tax", true,
                "recipient_name", "Aarav Nair",
                "billing_address", "55 Station Road\nPune 411001, Maharashtra",
                "shipping_address", "84 Station Road\nPune 411001, Maharashtra",
                "taxable_paise", t.taxableTotal().paise(),
                "cgst_paise", t.cgst().paise(),
                "sgst_paise", t.sgst().paise(),
                "igst_paise", t.igst().paise(),
                "cess_paise", t.cess().paise(),
                "round_off_paise", t.roundOff().paise(),
                "grand_total_paise", t.grandTotal().paise(),
                "amount_in_words", AmountInWords.of(t.grandTotal()),
                "status", "ISSUED");
        int lineNo = 0;
        for (TaxedLine l : t.lines()) {
            db.insert("invoice_line",
                    "shop_id", shop.id(),
                    "invoice_id", id,
                    "line_no", ++lineNo,
                    "description", l.line().description(),
                    "hsn_sac", l.line().hsnSac(),
                    "quantity", l.line().quantity(),
                    "unit", l.line().unit(),
                    "unit_price_paise", l.line().unitPrice().paise(),
                    "discount_paise", l.discount().paise(),
                    "taxable_paise", l.taxableValue().paise(),
                    "gst_rate", l.line().rate().percent(),
                    "cgst_paise", l.cgst().paise(),
                    "sgst_paise", l.sgst().paise(),
                    "igst_paise", l.igst().paise(),
                    "cess_rate", l.line().cessRate().percent(),
                    "cess_paise", l.cess().paise(),
                    "total_paise", l.total().paise());
        }
        return new Invoice(id, number);
    }

    /** An invoice whose stored CGST total is a rupee off its lines: bad data that must not be printed. */
    static Invoice invoiceThatDoesNotAddUp(Shop shop, Customer customer) {
        Invoice i = invoice(shop, customer, IndianState.MAHARASHTRA);
        db().update("update invoice set cgst_paise = cgst_paise + 100 where id = ?", i.id());
        return i;
    }

    static long invoiceOperation(Shop shop, List<Long> invoiceIds) {
        return db().insert("bulk_operation",
                "shop_id", shop.id(),
                "type", BulkUnits.INVOICES,
                "total", invoiceIds.size(),
                "status", "RUNNING",
                "parameters", Sql.json("{\"invoiceIds\":" + invoiceIds + "}"));
    }

    static long labelOperation(Shop shop, int total, String labelSheet) {
        return db().insert("bulk_operation",
                "shop_id", shop.id(),
                "type", BulkUnits.LABELS,
                "total", total,
                "status", "RUNNING",
                "parameters", Sql.json(labelSheet == null ? "{}" : "{\"labelSheet\":\"" + labelSheet + "\"}"));
    }

    static Shipment shipment(Shop shop, Invoice invoice, String awb, long codPaise) {
        String orderRef = "#IN" + NUMBERS.incrementAndGet();
        return new Shipment(db().insert("shipment",
                "shop_id", shop.id(),
                "invoice_id", invoice == null ? null : invoice.id(),
                "order_ref", orderRef,
                "awb", awb,
                "courier", "Delhivery Surface",
                "weight_grams", 1250,
                "from_address", "Unit 4, Laxmi Industrial Estate\nStation Road, Pune",
                "to_name", "Priya Gupta",
                "to_address", "296 Station Road\nT. Nagar, Chennai",
                "to_pin", "600017",
                "to_phone", "+919471127256",
                "cod_amount_paise", codPaise), orderRef);
    }
}
