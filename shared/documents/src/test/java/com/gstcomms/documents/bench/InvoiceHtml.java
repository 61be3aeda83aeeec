package com.gstcomms.documents.bench;

import com.gstcomms.core.gst.HsnSummary;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.words.AmountInWords;
import com.gstcomms.documents.AmountText;
import com.gstcomms.documents.TaxInvoice;

/**
 * The same invoice as HTML, for the Chromium baseline of the benchmark: the same blocks and table
 * (intra-state columns), print CSS for A4 with the table header repeated on each page. It has no QR
 * code image; Chromium's time is therefore if anything flattering to Chromium.
 */
final class InvoiceHtml {

    private InvoiceHtml() {
    }

    static String of(TaxInvoice invoice) {
        TaxedInvoice f = invoice.figures();
        StringBuilder h = new StringBuilder(16_384);
        h.append("""
                <!doctype html><html><head><meta charset="utf-8"><title>Tax Invoice</title><style>
                @page { size: A4; margin: 10mm; }
                body { font-family: 'Noto Sans', sans-serif; font-size: 8pt; }
                h1 { text-align: center; font-size: 14pt; margin: 0 0 6pt; }
                table { width: 100%; border-collapse: collapse; }
                td, th { border: 0.5pt solid #666; padding: 1.5pt 2pt; font-size: 6.5pt; }
                th { background: #e6e6e6; }
                .n { text-align: right; }
                thead { display: table-header-group; }
                .box { border: 0.8pt solid #000; padding: 4pt; margin-bottom: 6pt; }
                .grand { font-weight: bold; font-size: 11pt; }
                </style></head><body>
                <h1>TAX INVOICE</h1>
                """);
        h.append("<div class=box><b>").append(esc(invoice.supplier().legalName())).append("</b><br>");
        invoice.supplier().addressLines().forEach(l -> h.append(esc(l)).append("<br>"));
        h.append("<b>GSTIN: ").append(invoice.supplier().gstin()).append("</b><br>State: ")
                .append(invoice.supplier().state().displayName()).append(", Code: ").append(invoice.supplier().state().code())
                .append("</div><div class=box>Invoice No. <b>").append(esc(invoice.number())).append("</b><br>Invoice date ")
                .append(invoice.issueDate()).append("<br>Place of supply ").append(invoice.placeOfSupply().withCode())
                .append("<br>Tax is payable on reverse charge: ").append(invoice.reverseCharge() ? "Yes" : "No").append("</div>");
        h.append("<div class=box>Bill to<br><b>").append(esc(invoice.recipient().name())).append("</b><br>");
        invoice.recipient().billingAddress().forEach(l -> h.append(esc(l)).append("<br>"));
        h.append("</div><table><thead><tr><th>#</th><th>Description</th><th>HSN/SAC</th><th>Qty</th><th>Unit</th><th>Rate</th>"
                + "<th>Discount</th><th>Taxable value</th><th>CGST Rate</th><th>CGST Amount</th><th>SGST Rate</th>"
                + "<th>SGST Amount</th><th>Total</th></tr></thead><tbody>");
        int no = 1;
        for (TaxedLine l : f.lines()) {
            h.append("<tr><td>").append(no++).append("</td><td>").append(esc(l.line().description())).append("</td><td>")
                    .append(l.line().hsnSac()).append("</td><td class=n>").append(AmountText.quantity(l.line().quantity()))
                    .append("</td><td>").append(l.line().unit()).append("</td><td class=n>").append(AmountText.of(l.line().unitPrice()))
                    .append("</td><td class=n>").append(AmountText.of(l.discount())).append("</td><td class=n>")
                    .append(AmountText.of(l.taxableValue())).append("</td><td class=n>").append(AmountText.percent(l.cgstRate()))
                    .append("</td><td class=n>").append(AmountText.of(l.cgst())).append("</td><td class=n>")
                    .append(AmountText.percent(l.sgstRate())).append("</td><td class=n>").append(AmountText.of(l.sgst()))
                    .append("</td><td class=n>").append(AmountText.of(l.total())).append("</td></tr>");
        }
        h.append("</tbody></table><br><table><thead><tr><th>HSN/SAC</th><th>Taxable value</th><th>CGST</th><th>SGST</th>"
                + "<th>Total tax</th></tr></thead><tbody>");
        for (HsnSummary s : f.byHsnAndRate()) {
            h.append("<tr><td>").append(s.hsnSac()).append("</td><td class=n>").append(AmountText.of(s.taxableValue()))
                    .append("</td><td class=n>").append(AmountText.of(s.cgst())).append("</td><td class=n>")
                    .append(AmountText.of(s.sgst())).append("</td><td class=n>").append(AmountText.of(s.totalTax())).append("</td></tr>");
        }
        h.append("</tbody></table><p class=grand>Grand total ").append(AmountText.rupees(f.grandTotal())).append("</p><p><b>")
                .append("Amount in words: ").append(AmountInWords.of(f.grandTotal())).append("</b></p>")
                .append("<p>For ").append(esc(invoice.supplier().legalName())).append("<br><br>Authorised signatory</p></body></html>");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
