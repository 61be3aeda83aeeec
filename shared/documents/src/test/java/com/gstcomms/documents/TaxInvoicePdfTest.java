package com.gstcomms.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Result;
import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import org.apache.pdfbox.rendering.ImageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxInvoicePdfTest {

    static TaxInvoicePdf pdf;

    @BeforeAll
    static void fonts() {
        pdf = new TaxInvoicePdf(FontLibrary.load());
    }

    @Test
    void printsEveryRule46FieldAsSearchableText() {
        String text = PdfReading.text(pdf.render(SampleInvoices.intraState()).bytes());

        assertThat(text).contains(
                // supplier: name, address, GSTIN, state and code (46(a))
                "Rangoli Crafts Private Limited", "Unit 4, Laxmi Industrial Estate", "Station Road, Pune 411001",
                "GSTIN: 27AAPFU0939F1ZV", "State: Maharashtra, Code: 27",
                // title, number, date (46(b), (c)); place of supply (46(n)); reverse charge (46(p))
                "TAX INVOICE", "INV/2627/000123", "05-10-2026", "Place of supply", "Maharashtra (27)",
                "Tax is payable on reverse charge: No",
                // recipient, billing and (different) delivery address, unregistered (46(d), (e), (o))
                "Bill to", "Aarav Nair", "55 Station Road", "GSTIN: Unregistered", "Ship to", "84 Station Road",
                // the line table: description, HSN, quantity, unit, rate, discount, taxable value, taxes, total
                "Steel Tiffin Box, 3 tier", "7323", "NOS", "849.00", "2,877.98", "259.01", "3,396.00",
                "Cotton Kurta, hand block printed, size M", "6211", "1,299.00", "150.00", "3,568.58",
                "Basmati Rice 5kg", "1006", "1.5", "BAG", "1,035.72",
                "HSN/SAC", "Qty", "Unit", "Rate", "Discount", "Taxable value", "CGST", "SGST", "Amount",
                // totals in figures and words (46(l)), round-off, signature block (46(q))
                "Round off", "+0.50", "Grand total", "\u20B9 8,231.00",
                "Amount in words: Rupees Eight Thousand Two Hundred Thirty-One Only",
                "For Rangoli Crafts Private Limited", "Authorised signatory", "Page 1 of 1");
    }

    static Stream<Arguments> supplyTypes() {
        return Stream.of(
                Arguments.of("within Maharashtra", SampleInvoices.intraState(), List.of("CGST", "SGST"), List.of("IGST")),
                Arguments.of("Maharashtra to Tamil Nadu", SampleInvoices.interState(), List.of("IGST"), List.of("CGST", "SGST")),
                Arguments.of("within Chandigarh (a UT without legislature)", chandigarh(), List.of("CGST", "UTGST"),
                        List.of("IGST", "SGST")));
    }

    @ParameterizedTest(name = "{0}: {2} printed, {3} not")
    @MethodSource("supplyTypes")
    void printsTheTaxColumnsOfTheSupplyType(String name, TaxInvoice invoice, List<String> printed, List<String> absent) {
        String text = PdfReading.text(pdf.render(invoice).bytes());

        assertThat(text).contains(printed);
        assertThat(text).doesNotContain(absent);
    }

    @Test
    void printsIgstAmountsAndTheRegisteredBuyersGstinAcrossStates() {
        TaxInvoice invoice = SampleInvoices.interState();
        String text = PdfReading.text(pdf.render(invoice).bytes());

        assertThat(text).contains("Chennai Home Stores LLP", "GSTIN: 33AAACH7409R1Z8", "State: Tamil Nadu, Code: 33",
                "Tamil Nadu (33)", "Tax is payable on reverse charge: Yes",
                "18%", "518.03", "5%", AmountText.of(invoice.figures().igst()));
        assertThat(text).doesNotContain("Ship to");
    }

    @Test
    void printsCessColumnsOnlyWhenALineHasCess() {
        List<InvoiceLine> lines = List.of(
                InvoiceLine.of("Aerated drink 24 x 300 ml", "2202", BigDecimal.ONE, "BOX", Money.parse("1000.00"), Rate.of(40))
                        .withCessRate(Rate.of(12)));
        TaxInvoice withCess = new TaxInvoice(SampleInvoices.supplier(null), "INV/2627/000301", SampleInvoices.intraState().issueDate(),
                null, null, IndianState.MAHARASHTRA, false, SampleInvoices.intraState().recipient(),
                GstCalculator.calculate(lines, IndianState.MAHARASHTRA, IndianState.MAHARASHTRA, PriceBasis.EXCLUSIVE_OF_TAX),
                Money.ZERO, false);

        assertThat(PdfReading.text(pdf.render(withCess).bytes())).contains("Cess", "12%", "120.00", "\u20B9 1,520.00");
        assertThat(PdfReading.text(pdf.render(SampleInvoices.intraState()).bytes())).doesNotContain("Cess");
    }

    @Test
    void unpaidInvoiceCarriesAUpiQrCodeForTheAmountDueWithTheInvoiceNumberAsNote() {
        TaxInvoice invoice = SampleInvoices.intraState();
        BufferedImage page = PdfReading.image(pdf.render(invoice).bytes(), 0, 200, ImageType.RGB);

        List<Result> codes = PdfReading.barcodes(page, BarcodeFormat.QR_CODE);

        assertThat(codes).hasSize(1);
        String link = codes.get(0).getText();
        assertThat(link).startsWith("upi://pay?");
        Map<String, String> query = query(link);
        assertThat(query).containsEntry("pa", "rangoli.crafts@okaxis")
                .containsEntry("pn", "Rangoli Crafts")
                .containsEntry("am", "8231.00")
                .containsEntry("cu", "INR")
                .containsEntry("tn", "INV/2627/000123");
        assertThat(link).contains("tn=INV%2F2627%2F000123", "pn=Rangoli%20Crafts");
    }

    @Test
    void partPaidInvoiceAsksOnlyForTheRest() {
        TaxInvoice invoice = SampleInvoices.intraState().withAmountPaid(Money.parse("1000.50"));
        BufferedImage page = PdfReading.image(pdf.render(invoice).bytes(), 0, 200, ImageType.RGB);

        assertThat(query(PdfReading.barcodes(page, BarcodeFormat.QR_CODE).get(0).getText())).containsEntry("am", "7230.50");
    }

    static Stream<Arguments> noPaymentQr() {
        TaxInvoice unpaid = SampleInvoices.intraState();
        return Stream.of(
                Arguments.of("paid in full", unpaid.withAmountPaid(null)),
                Arguments.of("the shop has no UPI ID", new TaxInvoice(SampleInvoices.supplier(null), unpaid.number(),
                        unpaid.issueDate(), null, null, unpaid.placeOfSupply(), false, unpaid.recipient(), unpaid.figures(),
                        Money.ZERO, false)),
                Arguments.of("cancelled", new TaxInvoice(unpaid.supplier(), unpaid.number(), unpaid.issueDate(), null, null,
                        unpaid.placeOfSupply(), false, unpaid.recipient(), unpaid.figures(), Money.ZERO, true)));
    }

    @ParameterizedTest(name = "no payment QR code when {0}")
    @MethodSource("noPaymentQr")
    void printsNoPaymentQrCode(String name, TaxInvoice invoice) {
        byte[] bytes = pdf.render(invoice).bytes();

        assertThat(PdfReading.barcodes(PdfReading.image(bytes, 0, 200, ImageType.RGB), BarcodeFormat.QR_CODE)).isEmpty();
        assertThat(PdfReading.text(bytes)).doesNotContain("Pay by UPI");
    }

    @Test
    void sixtyLineInvoiceFlowsOverPagesWithTheTableHeaderOnEachAndTotalsOnTheLast() {
        RenderedPdf rendered = pdf.render(SampleInvoices.withLines(60));
        List<String> pages = PdfReading.pageTexts(rendered.bytes());

        assertThat(rendered.pages()).isEqualTo(pages.size()).isBetween(2, 3);
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).as("page %d", p + 1)
                    .contains("Page " + (p + 1) + " of " + pages.size(), "Tax Invoice INV/2627/000200");
            if (p > 0) {
                assertThat(pages.get(p)).contains("TAX INVOICE (continued)");
            }
        }
        long pagesWithLines = pages.stream().filter(t -> t.contains("Steel Tiffin Box")).count();
        assertThat(pages.stream().filter(t -> t.contains("HSN/SAC") && t.contains("Taxable value")).count())
                .isGreaterThanOrEqualTo(pagesWithLines);
        // each line number 1..60 starts exactly one table row, in order across the pages
        List<Integer> numbers = pages.stream()
                .flatMap(t -> Pattern.compile("(?m)^(\\d{1,2}) ").matcher(t).results().map(m -> Integer.parseInt(m.group(1))))
                .toList();
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 60).boxed().toList());
        String last = pages.get(pages.size() - 1);
        assertThat(last).contains("Grand total", "Amount in words", "Authorised signatory");
        pages.subList(0, pages.size() - 1).forEach(t -> assertThat(t).doesNotContain("Grand total"));
    }

    @Test
    void printsNamesInDevanagariTamilAndBengaliThatCopyAsTyped() {
        byte[] bytes = pdf.render(SampleInvoices.indicNames()).bytes();

        assertThat(PdfReading.text(bytes)).contains("राजेश कुमार शर्मा", "தமிழ்செல்வி கோபால்", "সৌরভ গঙ্গোপাধ্যায়");
        assertThat(PdfReading.fontNames(bytes)).anyMatch(n -> n.endsWith("+NotoSansDevanagari-Regular"))
                .anyMatch(n -> n.endsWith("+NotoSansTamil-Regular"))
                .anyMatch(n -> n.endsWith("+NotoSansBengali-Regular"));
    }

    @Test
    void embedsOnlySubsetsOfTheFontsItUses() {
        byte[] bytes = pdf.render(SampleInvoices.intraState()).bytes();

        assertThat(PdfReading.allFontsEmbedded(bytes)).isTrue();
        assertThat(PdfReading.fontNames(bytes)).allMatch(n -> n.matches("[A-Z]{6}\\+NotoSans-(Regular|Bold)"));
    }

    @Test
    void onePageInvoiceIsUnderSixtyKilobytes() {
        RenderedPdf rendered = pdf.render(SampleInvoices.intraState());

        assertThat(rendered.pages()).isEqualTo(1);
        assertThat(rendered.bytes().length).isLessThan(60 * 1024);
    }

    @Test
    void printsTheShopsLogoAndLeavesOutALogoThatIsNotAnImage() throws IOException {
        BufferedImage logo = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            for (int y = 0; y < 60; y++) {
                logo.setRGB(x, y, x < 60 ? 0xC0392B : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);

        RenderedPdf withLogo = pdf.render(withLogo(png.toByteArray()));
        RenderedPdf broken = pdf.render(withLogo("not an image".getBytes(StandardCharsets.US_ASCII)));

        assertThat(withLogo.warnings()).isEmpty();
        BufferedImage page = PdfReading.image(withLogo.bytes(), 0, 72, ImageType.RGB);
        assertThat(page.getRGB(50, 75) & 0xFFFFFF).as("red logo pixel near the top left").isNotEqualTo(0xFFFFFF);
        assertThat(broken.warnings()).singleElement().asString().contains("logo was left out");
        assertThat(PdfReading.text(broken.bytes())).contains("Rangoli Crafts Private Limited");
    }

    @Test
    void leavesOutALogoOverOneMegabyteOrTooManyPixelsWithoutDecodingIt() throws IOException {
        byte[] big = new byte[ShopLogo.MAX_BYTES + 1];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, big, 0, 8);
        assertThat(ShopLogo.of(big).problem()).hasValueSatisfying(p -> assertThat(p).contains("1 MB"));
        ByteArrayOutputStream wide = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(5000, 1, BufferedImage.TYPE_BYTE_BINARY), "png", wide);
        assertThat(ShopLogo.of(wide.toByteArray()).problem()).hasValueSatisfying(p -> assertThat(p).contains("5000"));
        RenderedPdf rendered = pdf.render(withLogo(big));
        assertThat(rendered.warnings()).singleElement().asString().contains("logo was left out");
    }

    @Test
    void printsAQuestionMarkForACharacterNoBundledFontHas() {
        TaxInvoice base = SampleInvoices.intraState();
        TaxInvoice invoice = new TaxInvoice(base.supplier(), base.number(), base.issueDate(), null, null,
                base.placeOfSupply(), false, new Recipient("Wang 王 Fang", null, List.of("Pune"), List.of()),
                base.figures(), Money.ZERO, false);

        assertThat(PdfReading.text(pdf.render(invoice).bytes())).contains("Wang ? Fang");
    }

    static Stream<Arguments> badInvoices() {
        TaxInvoice ok = SampleInvoices.intraState();
        return Stream.of(
                Arguments.of("invoice number too long", (Runnable) () -> new TaxInvoice(ok.supplier(), "INV/2627/0000001234",
                        ok.issueDate(), null, null, ok.placeOfSupply(), false, ok.recipient(), ok.figures(), null, false),
                        "number", "at most 16"),
                Arguments.of("recipient GSTIN wrong", (Runnable) () -> new Recipient("A", "27AAPFU0939F1ZX", List.of("x"), null),
                        "recipient.gstin", "check character"),
                Arguments.of("supplier GSTIN of another state", (Runnable) () -> new Supplier("S", null, List.of("x"),
                        IndianState.KARNATAKA, "27AAPFU0939F1ZV", null, null, null, null), "supplier.gstin", "Karnataka"),
                Arguments.of("no recipient name", (Runnable) () -> new Recipient(" ", null, List.of("x"), null),
                        "recipient.name", "recipient's name is missing"),
                Arguments.of("IGST figures for a Maharashtra buyer", (Runnable) () -> new TaxInvoice(ok.supplier(), ok.number(),
                        ok.issueDate(), null, null, IndianState.MAHARASHTRA, false, ok.recipient(),
                        SampleInvoices.interState().figures(), null, false), "placeOfSupply", "intra-state"),
                Arguments.of("no place of supply", (Runnable) () -> new TaxInvoice(ok.supplier(), ok.number(), ok.issueDate(),
                        null, null, null, false, ok.recipient(), ok.figures(), null, false), "placeOfSupply", "Rule 46(n)"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("badInvoices")
    void refusesDataThatWouldMakeAnInvalidTaxInvoice(String name, Runnable build, String field, String reason) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(DocumentDataException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    private static TaxInvoice withLogo(byte[] logo) {
        TaxInvoice base = SampleInvoices.intraState();
        Supplier s = base.supplier();
        return new TaxInvoice(new Supplier(s.legalName(), s.tradeName(), s.addressLines(), s.state(), s.gstin(), s.phone(),
                s.email(), s.upiId(), ShopLogo.of(logo)), base.number(), base.issueDate(), base.dueDate(), base.orderRef(),
                base.placeOfSupply(), false, base.recipient(), base.figures(), Money.ZERO, false);
    }

    @Test
    void printsTheHsnSummaryPerHsnUqcAndRateWithTheTotalQuantity() {
        List<InvoiceLine> lines = List.of(
                InvoiceLine.of("Cotton Kurta, size M", "6211", BigDecimal.valueOf(3), "PCS", Money.parse("1000.00"), Rate.of(5)),
                InvoiceLine.of("Cotton Kurta, size L", "6211", BigDecimal.valueOf(2), "PCS", Money.parse("1000.00"), Rate.of(5)),
                InvoiceLine.of("Kurta fabric", "6211", new BigDecimal("2.5"), "MTR", Money.parse("400.00"), Rate.of(5)),
                InvoiceLine.of("Basmati Rice", "1006", new BigDecimal("1.5"), "BAG", Money.parse("700.00"), Rate.of(5)),
                InvoiceLine.of("Tailoring", "998821", BigDecimal.valueOf(2), "NOS", Money.parse("150.00"), Rate.of(18)));
        TaxInvoice invoice = new TaxInvoice(SampleInvoices.supplier(null), "INV/2627/000125",
                SampleInvoices.intraState().issueDate(), null, null, IndianState.MAHARASHTRA, false,
                new Recipient("Aarav Nair", null, List.of("55 Station Road", "Pune 411001, Maharashtra"), null),
                GstCalculator.calculate(lines, IndianState.MAHARASHTRA, IndianState.MAHARASHTRA, PriceBasis.EXCLUSIVE_OF_TAX),
                Money.ZERO, false);

        List<String> text = PdfReading.text(pdf.render(invoice).bytes()).lines().toList();

        // HSN, UQC, quantity, taxable value, CGST rate and amount, SGST rate and amount, total tax
        assertThat(text).containsSubsequence("HSN/SAC UQC Qty Taxable value CGST",
                "1006 BAG 1.5 1,050.00 2.5% 26.25 2.5% 26.25 52.50",
                "6211 MTR 2.5 1,000.00 2.5% 25.00 2.5% 25.00 50.00",
                "6211 PCS 5 5,000.00 2.5% 125.00 2.5% 125.00 250.00",
                "998821 NA 300.00 9% 27.00 9% 27.00 54.00",
                "Total 7,350.00 203.25 203.25 406.50");
    }

    static TaxInvoice chandigarh() {
        String gstin = "04AAPFU0939F1Z" + GstinValidator.checkCharacter("04AAPFU0939F1Z");
        Supplier supplier = new Supplier("Sector 17 Traders", null, List.of("SCO 12, Sector 17", "Chandigarh 160017"),
                IndianState.CHANDIGARH, gstin, null, null, null, null);
        return new TaxInvoice(supplier, "CH/2627/000001", SampleInvoices.intraState().issueDate(), null, null,
                IndianState.CHANDIGARH, false, new Recipient("Harpreet Kaur", null, List.of("Sector 22, Chandigarh"), null),
                GstCalculator.calculate(SampleInvoices.lines(), IndianState.CHANDIGARH, IndianState.CHANDIGARH,
                        PriceBasis.INCLUSIVE_OF_TAX), Money.ZERO, false);
    }

    static Map<String, String> query(String link) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = Pattern.compile("[?&]([^=&]+)=([^&]*)").matcher(link);
        while (m.find()) {
            params.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        return params;
    }
}
