package com.gstcomms.documents;

import com.google.zxing.common.BitMatrix;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Calendar;
import java.util.List;

/**
 * Lays out shipping labels: 4×6 inch thermal labels, one per page, or four to an A4 sheet.
 *
 * <p>Each label, top to bottom: courier and payment (a black COD box with the amount to collect, or
 * PREPAID), the AWB number as a Code 128 barcode with the number under it, the delivery address with
 * a large PIN and the phone number, the order number, weight and invoice, and the return address.
 * The barcode is drawn as vector bars with a 10-module quiet zone each side, so it scans at any
 * printer resolution (203 dpi thermal printers included).
 */
public final class ShippingLabelPdf {

    /** 4 × 6 inches in points. */
    static final float W = 4 * 72f;
    static final float H = 6 * 72f;
    private static final float PAD = 10f;

    private static final Pen.Style COURIER = Pen.Style.bold(15);
    private static final Pen.Style LABEL = Pen.Style.bold(7);
    private static final Pen.Style BODY = Pen.Style.regular(9);
    private static final Pen.Style SMALL = Pen.Style.regular(8);

    private final FontLibrary fonts;

    public ShippingLabelPdf(FontLibrary fonts) {
        this.fonts = fonts;
    }

    public RenderedPdf render(List<ShippingLabel> labels, LabelSheet sheet) {
        if (labels == null || labels.isEmpty()) {
            throw new DocumentDataException("labels", "there are no labels to print");
        }
        fonts.lock().lock();
        try (PDDocument document = new PDDocument()) {
            DocumentFonts documentFonts = new DocumentFonts(document, fonts);
            if (sheet == LabelSheet.THERMAL_4X6) {
                for (ShippingLabel label : labels) {
                    PDPage page = new PDPage(new PDRectangle(W, H));
                    document.addPage(page);
                    try (Pen pen = new Pen(document, page, documentFonts)) {
                        draw(pen, label);
                    }
                }
            } else {
                fourUp(document, documentFonts, labels);
            }
            document.getDocumentInformation().setTitle("Shipping labels (" + labels.size() + ")");
            document.getDocumentInformation().setCreator("GST Comms");
            document.getDocumentInformation().setCreationDate(Calendar.getInstance());
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024 + labels.size() * 2048);
            document.save(out);
            return new RenderedPdf(out.toByteArray(), document.getNumberOfPages(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the label PDF", e);
        } finally {
            fonts.lock().unlock();
        }
    }

    private void fourUp(PDDocument document, DocumentFonts documentFonts, List<ShippingLabel> labels) {
        PDRectangle a4 = PDRectangle.A4;
        float cellW = a4.getWidth() / 2;
        float cellH = a4.getHeight() / 2;
        float scale = Math.min((cellW - 12) / W, (cellH - 12) / H);
        for (int first = 0; first < labels.size(); first += 4) {
            PDPage page = new PDPage(a4);
            document.addPage(page);
            try (Pen pen = new Pen(document, page, documentFonts)) {
                pen.dashedLine(cellW, 0, cellW, a4.getHeight());
                pen.dashedLine(0, cellH, a4.getWidth(), cellH);
                for (int i = 0; i < 4 && first + i < labels.size(); i++) {
                    ShippingLabel label = labels.get(first + i);
                    float cellX = (i % 2) * cellW;
                    float cellY = (i < 2 ? 1 : 0) * cellH;
                    float x = cellX + (cellW - W * scale) / 2;
                    float y = cellY + (cellH - H * scale) / 2;
                    Matrix m = new Matrix(scale, 0, 0, scale, x, y);
                    pen.transformed(m, () -> draw(pen, label));
                }
            }
        }
    }

    private void draw(Pen pen, ShippingLabel label) {
        float left = PAD;
        float right = W - PAD;
        float width = right - left;
        pen.box(4, 4, W - 8, H - 8, 1.2f);

        // Courier and payment.
        float top = H - PAD;
        float boxW = 118;
        pen.cell(label.courier(), left, width - boxW - 6, top - 24, COURIER, false, 0);
        if (label.isCashOnDelivery()) {
            pen.fill(right - boxW, top - 36, boxW, 34, 0f);
            pen.textColour(1f);
            pen.text("COD · collect", right - boxW + 6, top - 13, Pen.Style.bold(8));
            pen.cell(AmountText.rupees(label.codAmount()), right - boxW + 6, boxW - 12, top - 30, Pen.Style.bold(14), false, 0);
            pen.textColour(0f);
        } else {
            pen.box(right - boxW, top - 36, boxW, 34, 1.5f);
            pen.textCentered("PREPAID", right - boxW / 2, top - 25, Pen.Style.bold(16));
        }
        float y = top - 42;
        pen.line(4, y, W - 4, y, 1f, 0f);

        // AWB barcode with a 10-module quiet zone each side.
        BitMatrix bars = Barcodes.code128(label.awb(), "awb");
        int modules = bars.getWidth() + 20;
        float module = Math.min(2.5f, width / modules);
        float barsW = bars.getWidth() * module;
        float barsH = 58f;
        pen.barcode(bars, (W - barsW) / 2, y - 8 - barsH, barsW, barsH);
        y -= 8 + barsH;
        pen.textCentered("AWB " + label.awb(), W / 2, y - 13, Pen.Style.bold(12));
        y -= 20;
        pen.line(4, y, W - 4, y, 1f, 0f);

        // Ship to.
        LabelAddress to = label.to();
        pen.textColour(0.3f);
        pen.text("SHIP TO", left, y - 11, LABEL);
        pen.textColour(0f);
        pen.cell(to.name(), left, width, y - 25, Pen.Style.bold(13), false, 0);
        float ay = y - 38;
        List<String> lines = to.lines().stream().flatMap(l -> pen.wrap(l, width, BODY).stream()).toList();
        for (String line : lines.subList(0, Math.min(5, lines.size()))) {
            pen.text(line, left, ay, BODY);
            ay -= 11;
        }
        float pinY = Math.min(ay - 12, y - 104);
        pen.text("PIN " + to.pin(), left, pinY, Pen.Style.bold(20));
        if (to.phone() != null) {
            pen.text("Phone " + to.phone(), left, pinY - 16, Pen.Style.bold(10));
        }
        y = pinY - 26;
        pen.line(4, y, W - 4, y, 1f, 0f);

        // Order, weight, invoice.
        pen.text("Order", left, y - 11, LABEL);
        pen.cell(label.orderRef(), left, 100, y - 23, Pen.Style.bold(10), false, 0);
        pen.text("Weight", left + 110, y - 11, LABEL);
        pen.text(weight(label.weightGrams()), left + 110, y - 23, Pen.Style.bold(10));
        if (label.invoiceNo() != null) {
            pen.text("Invoice", left + 175, y - 11, LABEL);
            pen.cell(label.invoiceNo(), left + 175, right - left - 175, y - 23, SMALL, false, 0);
        }
        y -= 30;
        pen.line(4, y, W - 4, y, 1f, 0f);

        // Return address.
        LabelAddress from = label.from();
        pen.textColour(0.3f);
        pen.text("FROM (return to)", left, y - 10, LABEL);
        pen.textColour(0f);
        pen.cell(from.name(), left, width, y - 21, Pen.Style.bold(9), false, 0);
        float fy = y - 31;
        List<String> fromLines = from.lines().stream().flatMap(l -> pen.wrap(l, width, SMALL).stream()).toList();
        int room = (int) Math.max(1, (fy - 22) / 9.5f);
        for (String line : fromLines.subList(0, Math.min(room, fromLines.size()))) {
            pen.text(line, left, fy, SMALL);
            fy -= 9.5f;
        }
        pen.text("PIN " + from.pin() + (from.phone() != null ? "   Phone " + from.phone() : ""), left, Math.max(fy, 12), SMALL);
    }

    static String weight(Integer grams) {
        if (grams == null) {
            return "-";
        }
        if (grams < 1000) {
            return grams + " g";
        }
        BigDecimal kg = BigDecimal.valueOf(grams, 3).stripTrailingZeros();
        return kg.toPlainString() + " kg";
    }
}
