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
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.data.Shop;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** Rows shaped like the sample store's: a Maharashtra shop, its customers, invoices, shipments. */
final class Fixtures {

    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private Fixtures() {
    }

    static Shop shop() {
        Shop shop = new Shop();
        shop.shopDomain = "rangoli-" + UUID.randomUUID() + ".myshopify.com";
        shop.legalName = "Rangoli Crafts Private Limited";
        shop.tradeName = "Rangoli Crafts";
        shop.addressLine1 = "Unit 4, Laxmi Industrial Estate";
        shop.addressLine2 = "Station Road";
        shop.city = "Pune";
        shop.stateCode = "27";
        shop.pin = "411001";
        shop.gstin = "27AAPFU0939F1ZV";
        shop.phone = "+912026123456";
        shop.email = "accounts@rangoli.example.in";
        shop.upiId = "rangoli.crafts@okaxis";
        inTransaction(shop::persist);
        return shop;
    }

    static Customer customer(Shop shop, boolean whatsapp) {
        Customer c = new Customer();
        c.shopId = shop.id;
        c.firstName = "Aarav";
        c.lastName = "Nair";
        c.email = "aarav+" + UUID.randomUUID() + "@example.in";
        c.phone = "+917435429891";
        c.whatsappOptIn = whatsapp;
        c.emailOptIn = true;
        inTransaction(c::persist);
        return c;
    }

    /** An issued invoice MH → MH (or → TN) of the sample's three lines, figures from the GST calculator. */
    static Invoice invoice(Shop shop, Customer customer, IndianState placeOfSupply) {
        List<InvoiceLine> lines = List.of(
                InvoiceLine.of("Steel Tiffin Box, 3 tier", "7323", BigDecimal.valueOf(4), "NOS", Money.parse("849.00"), Rate.of(18)),
                new InvoiceLine("Cotton Kurta, hand block printed", "6211", BigDecimal.valueOf(3), "NOS",
                        Money.parse("1299.00"), Money.parse("150.00"), Rate.of(5), Rate.ZERO));
        TaxedInvoice t = GstCalculator.calculate(lines, IndianState.MAHARASHTRA, placeOfSupply, PriceBasis.INCLUSIVE_OF_TAX);
        Invoice i = new Invoice();
        i.shopId = shop.id;
        i.customerId = customer == null ? null : customer.id;
        LocalDate issued = LocalDate.of(2026, 10, 5);
        i.financialYear = FinancialYear.of(issued).label();
        i.number = "INV/2627/" + String.format("%06d", NUMBERS.incrementAndGet());
        i.orderRef = "#IN1001";
        i.issueDate = issued;
        i.dueDate = issued.plusDays(15);
        i.supplierState = "27";
        i.placeOfSupply = placeOfSupply.code();
        i.pricesIncludeTax = true;
        i.recipientName = "Aarav Nair";
        i.billingAddress = "55 Station Road\nPune 411001, Maharashtra";
        i.shippingAddress = "84 Station Road\nPune 411001, Maharashtra";
        i.taxablePaise = t.taxableTotal().paise();
        i.cgstPaise = t.cgst().paise();
        i.sgstPaise = t.sgst().paise();
        i.igstPaise = t.igst().paise();
        i.cessPaise = t.cess().paise();
        i.roundOffPaise = t.roundOff().paise();
        i.grandTotalPaise = t.grandTotal().paise();
        i.amountInWords = AmountInWords.of(t.grandTotal());
        i.status = Invoice.Status.ISSUED;
        for (TaxedLine l : t.lines()) {
            com.gstcomms.runtime.data.InvoiceLine row = new com.gstcomms.runtime.data.InvoiceLine();
            row.description = l.line().description();
            row.hsnSac = l.line().hsnSac();
            row.quantity = l.line().quantity();
            row.unit = l.line().unit();
            row.unitPricePaise = l.line().unitPrice().paise();
            row.discountPaise = l.discount().paise();
            row.taxablePaise = l.taxableValue().paise();
            row.gstRate = l.line().rate().percent();
            row.cgstPaise = l.cgst().paise();
            row.sgstPaise = l.sgst().paise();
            row.igstPaise = l.igst().paise();
            row.cessRate = l.line().cessRate().percent();
            row.cessPaise = l.cess().paise();
            row.totalPaise = l.total().paise();
            i.addLine(row);
        }
        inTransaction(i::persist);
        return i;
    }

    /** An invoice whose stored CGST total is a rupee off its lines: bad data that must not be printed. */
    static Invoice invoiceThatDoesNotAddUp(Shop shop, Customer customer) {
        Invoice i = invoice(shop, customer, IndianState.MAHARASHTRA);
        inTransaction(() -> Invoice.update("cgstPaise = cgstPaise + 100 where id = ?1", i.id));
        return i;
    }

    static BulkOperation invoiceOperation(Shop shop, List<Long> invoiceIds) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = BulkUnits.INVOICES;
        op.total = invoiceIds.size();
        op.status = BulkOperation.Status.RUNNING;
        op.parameters = "{\"invoiceIds\":" + invoiceIds + "}";
        inTransaction(op::persist);
        return op;
    }

    static BulkOperation labelOperation(Shop shop, int total, String labelSheet) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = BulkUnits.LABELS;
        op.total = total;
        op.status = BulkOperation.Status.RUNNING;
        op.parameters = labelSheet == null ? "{}" : "{\"labelSheet\":\"" + labelSheet + "\"}";
        inTransaction(op::persist);
        return op;
    }

    static Shipment shipment(Shop shop, Invoice invoice, String awb, long codPaise) {
        Shipment s = new Shipment();
        s.shopId = shop.id;
        s.invoiceId = invoice == null ? null : invoice.id;
        s.orderRef = "#IN" + NUMBERS.incrementAndGet();
        s.awb = awb;
        s.courier = "Delhivery Surface";
        s.weightGrams = 1250;
        s.fromAddress = "Unit 4, Laxmi Industrial Estate\nStation Road, Pune";
        s.toName = "Priya Gupta";
        s.toAddress = "296 Station Road\nT. Nagar, Chennai";
        s.toPin = "600017";
        s.toPhone = "+919471127256";
        s.codAmountPaise = codPaise;
        inTransaction(s::persist);
        return s;
    }
}
