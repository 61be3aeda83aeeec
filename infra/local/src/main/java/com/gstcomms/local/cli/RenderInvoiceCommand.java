package com.gstcomms.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.documents.DocumentDataException;
import com.gstcomms.documents.FontLibrary;
import com.gstcomms.documents.InvoiceFigures;
import com.gstcomms.documents.Recipient;
import com.gstcomms.documents.RenderedPdf;
import com.gstcomms.documents.Supplier;
import com.gstcomms.documents.TaxInvoice;
import com.gstcomms.documents.TaxInvoicePdf;
import com.gstcomms.local.cloud.LocalShop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gstcomms render-invoice INVOICE.json --out FILE.pdf}: the invoice-pdf function's layout
 * (shared/documents {@code TaxInvoicePdf}) on an invoice in the API's shape ({@code GET /v1/invoices/{id}}:
 * number, issueDate, placeOfSupply, supplierState, pricesIncludeTax, recipient, money as "1234.50", lines
 * with their recorded figures), to preview a layout. The figures are printed as recorded, never recomputed
 * ({@code InvoiceFigures.recorded} refuses figures that do not add up, naming the line). The supplier is
 * the JSON's {@code supplier} object (the API's shop settings shape), or {@code --supplier FILE}, else the
 * local demo shop.
 */
@Command(name = "render-invoice", description = "Render an invoice (the API's JSON shape) to a PDF with the "
        + "invoice-pdf function's layout.")
final class RenderInvoiceCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMappers.standard();

    @Parameters(index = "0", paramLabel = "INVOICE.json")
    Path invoice;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf")
    Path out;

    @Option(names = "--supplier", paramLabel = "SHOP.json",
            description = "The supplier as GET /v1/settings/shop answers (default: the invoice's 'supplier', else the "
                    + "local demo shop).")
    Path supplierFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JsonNode json = read(invoice, "invoice");
        JsonNode shop = supplierFile != null ? read(supplierFile, "supplier")
                : json.has("supplier") ? json.get("supplier") : demoShop();
        TaxInvoice document;
        try {
            document = taxInvoice(json, supplier(shop));
        } catch (DocumentDataException e) {
            throw new GstComms.UserError(invoice + ": " + e.field() + ": " + e.getMessage(), 1);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new GstComms.UserError(invoice + ": " + e.getMessage(), 1);
        }
        RenderedPdf pdf = new TaxInvoicePdf(FontLibrary.load()).render(document);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.write(out, pdf.bytes());
        var printer = spec.commandLine().getOut();
        printer.printf("%s: invoice %s, %d page(s), %,d bytes%n", out, document.number(), pdf.pages(), pdf.bytes().length);
        pdf.warnings().forEach(w -> printer.println("  warning: " + w));
        printer.flush();
        return 0;
    }

    private static JsonNode read(Path file, String what) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new GstComms.UserError("no such " + what + " file: " + file, 1);
        } catch (IOException e) {
            throw new GstComms.UserError(file + " is not JSON: " + e.getMessage().split("\n")[0], 1);
        }
    }

    /** An issued invoice as the API shows it → what the PDF prints (the rules of invoice-pdf's mapping). */
    static TaxInvoice taxInvoice(JsonNode json, Supplier supplier) {
        String number = text(json, "number");
        IndianState supplierState = state(json.hasNonNull("supplierState") ? text(json, "supplierState")
                : supplier.state().code(), "supplierState");
        IndianState placeOfSupply = state(text(json, "placeOfSupply"), "placeOfSupply");
        PriceBasis basis = json.path("pricesIncludeTax").asBoolean(true) ? PriceBasis.INCLUSIVE_OF_TAX
                : PriceBasis.EXCLUSIVE_OF_TAX;
        List<InvoiceFigures.RecordedLine> lines = new ArrayList<>();
        for (JsonNode l : json.path("lines")) {
            InvoiceLine line = new InvoiceLine(text(l, "description"), text(l, "hsnSac"),
                    new BigDecimal(text(l, "quantity")), l.path("unit").asText("NOS"), money(l, "unitPrice"),
                    money(l, "discount"), Rate.of(l.path("gstRate").asText("0")), Rate.of(l.path("cessRate").asText("0")));
            lines.add(new InvoiceFigures.RecordedLine(line, money(l, "taxableValue"), money(l, "cgst"), money(l, "sgst"),
                    money(l, "igst"), money(l, "cess"), money(l, "total")));
        }
        if (lines.isEmpty()) {
            throw new DocumentDataException("lines", "invoice " + number + " has no lines (the API gives them with "
                    + "GET /v1/invoices/{id})");
        }
        TaxedInvoice figures = InvoiceFigures.recorded(SupplyType.of(supplierState, placeOfSupply), basis, lines,
                new InvoiceFigures.RecordedTotals(money(json, "taxableTotal"), money(json, "cgst"), money(json, "sgst"),
                        money(json, "igst"), money(json, "cess"), money(json, "roundOff"), money(json, "grandTotal")));
        Recipient recipient = new Recipient(text(json, "recipientName"), json.path("recipientGstin").asText(null),
                lines(json.path("billingAddress").asText(null)), lines(json.path("shippingAddress").asText(null)));
        String status = json.path("status").asText("ISSUED");
        Money paid = status.equals("PAID") ? figures.grandTotal() : money(json, "amountPaid");
        return new TaxInvoice(supplier, number, LocalDate.parse(text(json, "issueDate")),
                json.hasNonNull("dueDate") ? LocalDate.parse(json.get("dueDate").asText()) : null,
                json.path("orderRef").asText(null), placeOfSupply, json.path("reverseCharge").asBoolean(false),
                recipient, figures, paid, status.equals("CANCELLED"));
    }

    /** The API's shop settings shape → the supplier block. */
    static Supplier supplier(JsonNode shop) {
        List<String> address = new ArrayList<>();
        address.add(shop.path("addressLine1").asText(null));
        address.add(shop.path("addressLine2").asText(null));
        address.add((shop.path("city").asText("") + " " + shop.path("pin").asText("")).strip());
        address.removeIf(a -> a == null || a.isBlank());
        return new Supplier(shop.path("legalName").asText(null), shop.path("tradeName").asText(null), address,
                state(shop.path("stateCode").asText(null), "supplier.stateCode"), shop.path("gstin").asText(null),
                shop.path("phone").asText(null), shop.path("email").asText(null), shop.path("upiId").asText(null), null);
    }

    /** The local cloud's shop (see LocalShop), when the invoice names no supplier. */
    static JsonNode demoShop() {
        return JSON.createObjectNode().put("legalName", "Demo Kirana and Textiles Private Limited")
                .put("tradeName", "Demo Kirana").put("addressLine1", "12, Laxmi Road").put("addressLine2", "Shaniwar Peth")
                .put("city", "Pune").put("pin", "411030").put("stateCode", "27").put("gstin", LocalShop.GSTIN)
                .put("phone", "+912024450000").put("email", "accounts@demo-kirana.example.in").put("upiId", LocalShop.UPI_ID);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new DocumentDataException(field, "'" + field + "' is missing");
        }
        return value.asText();
    }

    private static Money money(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return Money.ZERO;
        }
        try {
            return Money.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new DocumentDataException(field, "'" + field + "' is not an amount like \"1234.50\": " + value.asText());
        }
    }

    private static IndianState state(String code, String field) {
        return IndianState.byCode(code).orElseThrow(() -> new DocumentDataException(field,
                "'" + code + "' is not a GST state code"));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\\R"));
    }
}
