package com.gstcomms.documents;

import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Invoices and labels shaped like the sample Shopify store's (supplier in Maharashtra, prices include GST). */
public final class SampleInvoices {

    public static final String SUPPLIER_GSTIN = "27AAPFU0939F1ZV";
    public static final String RECIPIENT_GSTIN_TN = "33AAACH7409R1Z8";
    public static final String UPI_ID = "rangoli.crafts@okaxis";

    private SampleInvoices() {
    }

    public static Supplier supplier(String upiId) {
        return new Supplier("Rangoli Crafts Private Limited", "Rangoli Crafts",
                List.of("Unit 4, Laxmi Industrial Estate", "Station Road, Pune 411001", "Maharashtra, India"),
                IndianState.MAHARASHTRA, SUPPLIER_GSTIN, "+91 20 2612 3456", "accounts@rangoli.example.in", upiId, null);
    }

    public static List<InvoiceLine> lines() {
        return List.of(
                InvoiceLine.of("Steel Tiffin Box, 3 tier", "7323", BigDecimal.valueOf(4), "NOS", Money.parse("849.00"), Rate.of(18)),
                new InvoiceLine("Cotton Kurta, hand block printed, size M", "6211", BigDecimal.valueOf(3), "NOS",
                        Money.parse("1299.00"), Money.parse("150.00"), Rate.of(5), Rate.ZERO),
                InvoiceLine.of("Basmati Rice 5kg", "1006", new BigDecimal("1.5"), "BAG", Money.parse("725.00"), Rate.of(5)));
    }

    /** Maharashtra to Maharashtra: CGST + SGST. Unpaid, with a UPI ID: carries a payment QR code. */
    public static TaxInvoice intraState() {
        return new TaxInvoice(supplier(UPI_ID), "INV/2627/000123", LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 20),
                "#IN1001", IndianState.MAHARASHTRA, false,
                new Recipient("Aarav Nair", null, List.of("55 Station Road", "Pune 411001, Maharashtra"),
                        List.of("84 Station Road", "Pune 411001, Maharashtra")),
                GstCalculator.calculate(lines(), IndianState.MAHARASHTRA, IndianState.MAHARASHTRA, PriceBasis.INCLUSIVE_OF_TAX),
                Money.ZERO, false);
    }

    /** Maharashtra to Tamil Nadu, registered buyer: IGST; paid, so no QR code. */
    public static TaxInvoice interState() {
        return new TaxInvoice(supplier(UPI_ID), "INV/2627/000124", LocalDate.of(2026, 8, 12), null,
                "#IN1002", IndianState.TAMIL_NADU, true,
                new Recipient("Chennai Home Stores LLP", RECIPIENT_GSTIN_TN,
                        List.of("7 Station Road", "Chennai 600001, Tamil Nadu"), List.of()),
                GstCalculator.calculate(lines(), IndianState.MAHARASHTRA, IndianState.TAMIL_NADU, PriceBasis.INCLUSIVE_OF_TAX),
                null, false).withAmountPaid(null);
    }

    /** An invoice of n lines (varied HSN codes and rates, some with long descriptions), intra-state. */
    public static TaxInvoice withLines(int n) {
        List<InvoiceLine> lines = new ArrayList<>();
        String[][] goods = {
                {"Steel Tiffin Box, 3 tier", "7323", "18", "849.00"},
                {"Cotton Kurta, hand block printed, size M, with matching dupatta and a cloth bag", "6211", "5", "1299.00"},
                {"Basmati Rice 5kg", "1006", "5", "725.00"},
                {"Bluetooth Speaker 10 W", "8518", "18", "2499.00"},
                {"Banarasi Silk Saree", "5007", "5", "8999.00"},
                {"Neem Soap, pack of 4", "3401", "18", "240.00"}};
        for (int i = 0; i < n; i++) {
            String[] g = goods[i % goods.length];
            lines.add(InvoiceLine.of(g[0], g[1], BigDecimal.valueOf(1 + i % 3), "NOS", Money.parse(g[3]), Rate.of(g[2])));
        }
        return new TaxInvoice(supplier(UPI_ID), "INV/2627/000200", LocalDate.of(2026, 11, 2), null, "#IN2000",
                IndianState.MAHARASHTRA, false,
                new Recipient("Priya Gupta", null, List.of("296 Station Road", "Pune 411001"), List.of()),
                GstCalculator.calculate(lines, IndianState.MAHARASHTRA, IndianState.MAHARASHTRA, PriceBasis.INCLUSIVE_OF_TAX),
                Money.ZERO, false);
    }

    /** A recipient whose name and address are in Devanagari, Tamil and Bengali. */
    public static TaxInvoice indicNames() {
        TaxInvoice base = intraState();
        return new TaxInvoice(base.supplier(), "INV/2627/000125", base.issueDate(), null, null, base.placeOfSupply(), false,
                new Recipient("राजेश कुमार शर्मा", null,
                        List.of("தமிழ்செல்வி கோபால், 12 கோயில் தெரு", "সৌরভ গঙ্গোপাধ্যায়, কলকাতা 700001"), List.of()),
                base.figures(), Money.ZERO, false);
    }
}
