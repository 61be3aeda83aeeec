package com.gstcomms.invoicepdf;

import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.documents.DocumentDataException;
import com.gstcomms.documents.InvoiceFigures;
import com.gstcomms.documents.LabelAddress;
import com.gstcomms.documents.Recipient;
import com.gstcomms.documents.ShippingLabel;
import com.gstcomms.documents.ShopLogo;
import com.gstcomms.documents.Supplier;
import com.gstcomms.documents.TaxInvoice;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.data.Shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the stored invoice, shop and shipment rows into the documents' model. Every check the
 * documents make (Rule 46 fields, GSTINs, figures adding up) raises a {@link DocumentDataException}
 * naming the field, which the caller records as the reason the invoice was not rendered.
 */
final class InvoiceDocuments {

    private InvoiceDocuments() {
    }

    static TaxInvoice taxInvoice(Invoice invoice, Shop shop, ShopLogo logo) {
        if (invoice.status == Invoice.Status.DRAFT) {
            throw new DocumentDataException("status", "invoice " + invoice.number
                    + " is a draft; a tax invoice is rendered once it is issued");
        }
        Supplier supplier = supplier(shop, logo);
        IndianState supplierState = state(invoice.supplierState, "supplierState", "the invoice's supplier state");
        IndianState placeOfSupply = state(invoice.placeOfSupply, "placeOfSupply", "the invoice's place of supply");
        SupplyType supplyType = SupplyType.of(supplierState, placeOfSupply);
        PriceBasis basis = invoice.pricesIncludeTax ? PriceBasis.INCLUSIVE_OF_TAX : PriceBasis.EXCLUSIVE_OF_TAX;
        List<InvoiceFigures.RecordedLine> lines = new ArrayList<>();
        for (com.gstcomms.runtime.data.InvoiceLine l : invoice.lines) {
            InvoiceLine line;
            try {
                line = new InvoiceLine(l.description, l.hsnSac, l.quantity, l.unit, Money.ofPaise(l.unitPricePaise),
                        Money.ofPaise(l.discountPaise), Rate.of(l.gstRate), Rate.of(l.cessRate));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DocumentDataException("lines[" + l.lineNo + "]", "line " + l.lineNo + " of invoice " + invoice.number
                        + " is incomplete: " + e.getMessage());
            }
            lines.add(new InvoiceFigures.RecordedLine(line, Money.ofPaise(l.taxablePaise), Money.ofPaise(l.cgstPaise),
                    Money.ofPaise(l.sgstPaise), Money.ofPaise(l.igstPaise), Money.ofPaise(l.cessPaise),
                    Money.ofPaise(l.totalPaise)));
        }
        TaxedInvoice figures;
        try {
            figures = InvoiceFigures.recorded(supplyType, basis, lines, new InvoiceFigures.RecordedTotals(
                    Money.ofPaise(invoice.taxablePaise), Money.ofPaise(invoice.cgstPaise), Money.ofPaise(invoice.sgstPaise),
                    Money.ofPaise(invoice.igstPaise), Money.ofPaise(invoice.cessPaise), Money.ofPaise(invoice.roundOffPaise),
                    Money.ofPaise(invoice.grandTotalPaise)));
        } catch (DocumentDataException e) {
            throw new DocumentDataException(e.field(), "invoice " + invoice.number + ": " + e.getMessage());
        }
        Recipient recipient = new Recipient(invoice.recipientName, invoice.recipientGstin, lines(invoice.billingAddress),
                lines(invoice.shippingAddress));
        Money paid = invoice.status == Invoice.Status.PAID ? figures.grandTotal() : Money.ofPaise(invoice.amountPaidPaise);
        return new TaxInvoice(supplier, invoice.number, invoice.issueDate, invoice.dueDate, invoice.orderRef,
                placeOfSupply, invoice.reverseCharge, recipient, figures, paid, invoice.status == Invoice.Status.CANCELLED);
    }

    static Supplier supplier(Shop shop, ShopLogo logo) {
        IndianState state = state(shop.stateCode, "supplier.state", "the shop's state");
        List<String> address = new ArrayList<>();
        address.add(shop.addressLine1);
        address.add(shop.addressLine2);
        String cityPin = ((shop.city == null ? "" : shop.city) + " " + (shop.pin == null ? "" : shop.pin)).strip();
        address.add(cityPin);
        address.removeIf(a -> a == null || a.isBlank());
        return new Supplier(shop.legalName, shop.tradeName, address, state, shop.gstin, shop.phone, shop.email,
                shop.upiId, logo);
    }

    static ShippingLabel label(Shipment shipment, Shop shop, String invoiceNumber) {
        String fromName = shop.tradeName != null && !shop.tradeName.isBlank() ? shop.tradeName : shop.legalName;
        LabelAddress from = LabelAddress.of("from", fromName, lines(shipment.fromAddress), shop.pin, shop.phone);
        List<String> toLines = lines(shipment.toAddress);
        LabelAddress to = LabelAddress.of("to", shipment.toName, toLines, shipment.toPin, shipment.toPhone);
        return new ShippingLabel(shipment.courier, shipment.awb, shipment.orderRef, from, to,
                Money.ofPaise(shipment.codAmountPaise), shipment.weightGrams, invoiceNumber);
    }

    private static IndianState state(String code, String field, String what) {
        return IndianState.byCode(code).orElseThrow(() -> new DocumentDataException(field,
                what + " '" + (code == null ? "" : code) + "' is not a GST state code"));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\\R"));
    }
}
