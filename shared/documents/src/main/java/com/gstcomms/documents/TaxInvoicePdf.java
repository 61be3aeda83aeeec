package com.gstcomms.documents;

import com.google.zxing.common.BitMatrix;
import com.gstcomms.core.gst.HsnSummary;
import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.payment.UpiPaymentLink;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.gst.Uqc;
import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.words.AmountInWords;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.function.Function;

/**
 * Lays out a GST tax invoice on A4 pages with PDFBox, with every field CGST Rule 46 asks for:
 * <ul>
 *   <li>supplier name, address, GSTIN, state and code, optional logo (46(a));</li>
 *   <li>"Tax Invoice", number and date (46(b), (c)); place of supply with state name and code (46(n));
 *       whether tax is payable on reverse charge (46(p));</li>
 *   <li>recipient name, billing address, GSTIN where registered, delivery address when different
 *       (46(d), (e), (o));</li>
 *   <li>a line table — #, description, HSN/SAC, quantity, unit, rate, discount, taxable value, then
 *       CGST and SGST (or UTGST) rate and amount within a state, or IGST rate and amount across states,
 *       cess when any line has it, and the line total (46(f)–(k));</li>
 *   <li>a tax summary by HSN/SAC, unit quantity code and rate with the total quantity (as GSTR-1
 *       Table 12 groups it; a service's UQC is NA), the totals with the round-off (CGST Act s.170), the grand
 *       total in figures and in words in the Indian system (46(l));</li>
 *   <li>a UPI payment QR code for an unpaid invoice of a shop with a UPI ID;</li>
 *   <li>an "Authorised signatory" block (46(q); its proviso waives the signature on an electronic
 *       invoice under the IT Act, 2000).</li>
 * </ul>
 * A long invoice flows over pages: the table header repeats on each page, every page says
 * "Page n of N", and the totals never start a page alone without the table's total row above them.
 * The text is real text in an embedded subset of Noto Sans (searchable, copyable), with Devanagari,
 * Bengali and Tamil names in their own Noto faces.
 *
 * <p>Not thread-safe per {@link FontLibrary}: calls on one library run one at a time.
 */
public final class TaxInvoicePdf {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 28f;
    static final float LEFT = MARGIN;
    static final float RIGHT = PAGE.getWidth() - MARGIN;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = PAGE.getHeight() - MARGIN;
    static final float BOTTOM = 40f;

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private static final Pen.Style TITLE = Pen.Style.bold(14);
    private static final Pen.Style NAME = Pen.Style.bold(11);
    private static final Pen.Style BODY = Pen.Style.regular(8);
    private static final Pen.Style BODY_BOLD = Pen.Style.bold(8);
    private static final Pen.Style SMALL = Pen.Style.regular(6.5f);
    private static final Pen.Style CELL = Pen.Style.regular(6.5f);
    private static final Pen.Style CELL_BOLD = Pen.Style.bold(6.5f);
    private static final Pen.Style LABEL = Pen.Style.bold(7);

    private static final float ROW_LEADING = 8.5f;
    private static final float HEADER_HEIGHT = 20f;
    private static final float TOTAL_ROW_HEIGHT = 12f;
    private static final float CONTINUATION_HEADER = 24f;

    private final FontLibrary fonts;

    public TaxInvoicePdf(FontLibrary fonts) {
        this.fonts = fonts;
    }

    /** Renders the invoice to PDF bytes. */
    public RenderedPdf render(TaxInvoice invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48 * 1024);
        Result result = render(invoice, out);
        return new RenderedPdf(out.toByteArray(), result.pages, result.warnings);
    }

    private record Result(int pages, List<String> warnings) {
    }

    private Result render(TaxInvoice invoice, OutputStream out) {
        fonts.lock().lock();
        try (PDDocument document = new PDDocument()) {
            Layout layout = new Layout(invoice, document, new DocumentFonts(document, fonts));
            layout.draw();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Tax Invoice " + invoice.number());
            info.setAuthor(invoice.supplier().legalName());
            info.setSubject("GST tax invoice " + invoice.number() + " to " + invoice.recipient().name());
            info.setCreator("GST Comms");
            info.setCreationDate(Calendar.getInstance());
            document.save(out);
            return new Result(document.getNumberOfPages(), layout.warnings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF of invoice " + invoice.number(), e);
        } finally {
            fonts.lock().unlock();
        }
    }

    /** One column of the line table. */
    private record Column(String group, String header, float width, boolean right, Function<Row, String> value,
                          Function<TaxedInvoice, String> total) {
    }

    /** A line of the table with its number and wrapped description. */
    private record Row(int no, TaxedLine line, List<String> description, float height) {
    }

    /** The lines of one page and whether the totals follow them there. */
    private record PagePlan(List<Row> rows, boolean tableTotal, boolean summary) {
    }

    private static final class Layout {
        final TaxInvoice invoice;
        final TaxedInvoice figures;
        final PDDocument document;
        final DocumentFonts fonts;
        final TextMeasure measure;
        final List<String> warnings = new ArrayList<>();
        final List<Column> columns;
        final float descriptionWidth;
        final boolean intraState;
        final boolean hasCess;
        final String stateTax;
        PDImageXObject logo;

        Layout(TaxInvoice invoice, PDDocument document, DocumentFonts fonts) {
            this.invoice = invoice;
            this.figures = invoice.figures();
            this.document = document;
            this.fonts = fonts;
            this.measure = new TextMeasure(fonts);
            this.intraState = figures.supplyType() == SupplyType.INTRA_STATE;
            this.hasCess = figures.lines().stream().anyMatch(l -> !l.cess().isZero() || !l.cessRate().isZero());
            // Union territories without a legislature levy UTGST in place of SGST (UTGST Act s.7).
            this.stateTax = invoice.placeOfSupply().stateTaxName();
            this.columns = columns();
            // The description takes what the number columns leave (85 pt with cess within a state, 207 pt
            // for IGST without cess) and wraps.
            this.descriptionWidth = WIDTH - (float) columns.stream().mapToDouble(c -> c.width).sum();
        }

        private List<Column> columns() {
            List<Column> c = new ArrayList<>();
            c.add(new Column(null, "#", 14, false, r -> Integer.toString(r.no), t -> ""));
            c.add(new Column(null, "Description", 0, false, r -> "", t -> "Total"));
            c.add(new Column(null, "HSN/SAC", 34, false, r -> r.line.line().hsnSac(), t -> ""));
            c.add(new Column(null, "Qty", 26, true, r -> AmountText.quantity(r.line.line().quantity()), t -> ""));
            c.add(new Column(null, "Unit", 22, false, r -> r.line.line().unit(), t -> ""));
            c.add(new Column(null, "Rate", 42, true, r -> AmountText.of(r.line.line().unitPrice()), t -> ""));
            c.add(new Column(null, "Discount", 34, true, r -> AmountText.of(r.line.discount()),
                    t -> AmountText.of(Money.sum(t.lines().stream().map(TaxedLine::discount).toList()))));
            c.add(new Column(null, "Taxable value", 48, true, r -> AmountText.of(r.line.taxableValue()),
                    t -> AmountText.of(t.taxableTotal())));
            if (intraState) {
                c.add(new Column("CGST", "Rate", 20, true, r -> AmountText.percent(r.line.cgstRate()), t -> ""));
                c.add(new Column("CGST", "Amount", 42, true, r -> AmountText.of(r.line.cgst()), t -> AmountText.of(t.cgst())));
                c.add(new Column(stateTax, "Rate", 20, true, r -> AmountText.percent(r.line.sgstRate()), t -> ""));
                c.add(new Column(stateTax, "Amount", 42, true, r -> AmountText.of(r.line.sgst()), t -> AmountText.of(t.sgst())));
            } else {
                c.add(new Column("IGST", "Rate", 22, true, r -> AmountText.percent(r.line.igstRate()), t -> ""));
                c.add(new Column("IGST", "Amount", 46, true, r -> AmountText.of(r.line.igst()), t -> AmountText.of(t.igst())));
            }
            if (hasCess) {
                c.add(new Column("Cess", "Rate", 20, true, r -> AmountText.percent(r.line.cessRate()), t -> ""));
                c.add(new Column("Cess", "Amount", 40, true, r -> AmountText.of(r.line.cess()), t -> AmountText.of(t.cess())));
            }
            c.add(new Column(null, "Total", 50, true, r -> AmountText.of(r.line.total()),
                    t -> AmountText.of(Money.sum(t.lines().stream().map(TaxedLine::total).toList()))));
            return c;
        }

        void draw() {
            loadLogo();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < figures.lines().size(); i++) {
                TaxedLine line = figures.lines().get(i);
                List<String> description = measure.wrap(line.line().description(), descriptionWidth - 4, CELL);
                if (description.isEmpty()) {
                    description = List.of("");
                }
                rows.add(new Row(i + 1, line, description, description.size() * ROW_LEADING + 3.5f));
            }
            float firstTableTop = TOP - headerHeight();
            float otherTableTop = TOP - CONTINUATION_HEADER;
            float summaryHeight = summaryHeight();
            List<PagePlan> plan = plan(rows, firstTableTop, otherTableTop, summaryHeight);
            int pageCount = plan.size();
            for (int p = 0; p < pageCount; p++) {
                PDPage page = new PDPage(PAGE);
                document.addPage(page);
                try (Pen pen = new Pen(document, page, fonts)) {
                    float y = p == 0 ? drawHeader(pen) : drawContinuationHeader(pen);
                    PagePlan pagePlan = plan.get(p);
                    if (!pagePlan.rows.isEmpty()) {
                        y = drawTable(pen, y, pagePlan.rows, pagePlan.tableTotal);
                    }
                    if (pagePlan.summary) {
                        drawSummary(pen, y - 8);
                    }
                    drawFooter(pen, p + 1, pageCount);
                    if (p == 0 && invoice.cancelled()) {
                        drawCancelled(pen);
                    }
                }
            }
        }

        /** Rows to pages: the table total row stays with the last line; the summary follows or gets a page. */
        private List<PagePlan> plan(List<Row> rows, float firstTop, float otherTop, float summaryHeight) {
            List<List<Row>> pages = new ArrayList<>();
            List<Row> current = new ArrayList<>();
            float room = firstTop - HEADER_HEIGHT - BOTTOM;
            for (Row row : rows) {
                if (row.height > room && !current.isEmpty()) {
                    pages.add(current);
                    current = new ArrayList<>();
                    room = otherTop - HEADER_HEIGHT - BOTTOM;
                }
                current.add(row);
                room -= row.height;
            }
            if (room < TOTAL_ROW_HEIGHT && current.size() > 1) {
                // The total row would be alone on the next page: take the last line with it.
                Row last = current.remove(current.size() - 1);
                pages.add(current);
                current = new ArrayList<>(List.of(last));
                room = otherTop - HEADER_HEIGHT - BOTTOM - last.height;
            }
            pages.add(current);
            room -= TOTAL_ROW_HEIGHT;
            List<PagePlan> plan = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                boolean last = i == pages.size() - 1;
                plan.add(new PagePlan(pages.get(i), last, last && summaryHeight + 8 <= room));
            }
            if (!plan.get(plan.size() - 1).summary) {
                plan.add(new PagePlan(List.of(), false, true));
            }
            return plan;
        }

        private void loadLogo() {
            ShopLogo shopLogo = invoice.supplier().logo();
            if (shopLogo == null) {
                return;
            }
            if (!shopLogo.printable()) {
                warnings.add("the shop's logo was left out: " + shopLogo.problem().orElse("it cannot be printed"));
                return;
            }
            try {
                // Decoded once by ShopLogo; here only its scaled pixels are written into this document.
                logo = shopLogo.embed(document);
            } catch (IOException | RuntimeException e) {
                warnings.add("the shop's logo was left out: it is not a readable PNG or JPEG image");
                logo = null;
            }
        }

        // ---- page 1 header ----

        private float supplierBlockHeight() {
            // name baseline 15 below the top, 13 to the next line, 10 per line, 6 below the last
            return Math.max(supplierLines().size() * 10f + 30f, Math.max(detailRows().size() * 11f + 8f,
                    logo == null ? 0 : 54f));
        }

        private float partiesBlockHeight() {
            int lines = Math.max(partyLines(false).size(), invoice.recipient().shipsElsewhere() ? partyLines(true).size() : 0);
            return 22f + lines * 10f;
        }

        private float headerHeight() {
            return 22f + supplierBlockHeight() + partiesBlockHeight() + 8f;
        }

        private float supplierTextX() {
            return LEFT + 6 + (logo == null ? 0 : logoWidth() + 8);
        }

        private float logoWidth() {
            float h = 42f;
            float w = h * logo.getWidth() / Math.max(1, logo.getHeight());
            return Math.min(w, 90f);
        }

        private List<String> supplierLines() {
            Supplier s = invoice.supplier();
            float width = LEFT + 300 - 6 - supplierTextX();
            List<String> lines = new ArrayList<>();
            if (s.tradeName() != null && !s.tradeName().equalsIgnoreCase(s.legalName())) {
                lines.add("Trading as " + s.tradeName());
            }
            for (String address : s.addressLines()) {
                lines.addAll(measure.wrap(address, width, BODY));
            }
            lines.add("\u0001GSTIN: " + s.gstin());
            lines.add("State: " + s.state().displayName() + ", Code: " + s.state().code());
            List<String> contact = new ArrayList<>();
            if (s.phone() != null) {
                contact.add("Phone: " + s.phone());
            }
            if (s.email() != null) {
                contact.add("Email: " + s.email());
            }
            if (!contact.isEmpty()) {
                lines.addAll(measure.wrap(String.join("   ", contact), width, BODY));
            }
            return lines;
        }

        private List<String[]> detailRows() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Invoice No.", invoice.number()});
            rows.add(new String[] {"Invoice date", DATE.format(invoice.issueDate())});
            if (invoice.dueDate() != null) {
                rows.add(new String[] {"Due date", DATE.format(invoice.dueDate())});
            }
            if (invoice.orderRef() != null) {
                rows.add(new String[] {"Order ref.", invoice.orderRef()});
            }
            IndianState pos = invoice.placeOfSupply();
            rows.add(new String[] {"Place of supply", pos.displayName() + " (" + pos.code() + ")"});
            rows.add(new String[] {"Tax is payable on reverse charge:", invoice.reverseCharge() ? "Yes" : "No"});
            return rows;
        }

        private List<String> partyLines(boolean shipping) {
            Recipient r = invoice.recipient();
            float width = WIDTH / 2 - 12;
            List<String> lines = new ArrayList<>();
            for (String address : shipping ? r.shippingAddress() : r.billingAddress()) {
                lines.addAll(measure.wrap(address, width, BODY));
            }
            if (!shipping) {
                if (r.isRegistered()) {
                    lines.add("\u0001GSTIN: " + r.gstin());
                    IndianState state = Gstin.parse(r.gstin()).state();
                    lines.add("State: " + state.displayName() + ", Code: " + state.code());
                } else {
                    lines.add("GSTIN: Unregistered");
                }
            }
            return lines;
        }

        private float drawHeader(Pen pen) {
            Supplier s = invoice.supplier();
            float y = TOP;
            pen.textCentered("TAX INVOICE", (LEFT + RIGHT) / 2, y - 12, TITLE);
            pen.textRight("ORIGINAL FOR RECIPIENT", RIGHT, y - 11, SMALL);
            y -= 22;

            // Supplier (left) and invoice details (right).
            float blockHeight = supplierBlockHeight();
            float mid = LEFT + 300;
            pen.box(LEFT, y - blockHeight, WIDTH, blockHeight, 0.8f);
            pen.line(mid, y, mid, y - blockHeight, 0.8f, 0f);
            if (logo != null) {
                float w = logoWidth();
                float h = w * logo.getHeight() / Math.max(1, logo.getWidth());
                pen.image(logo, LEFT + 6, y - 6 - h, w, h);
            }
            float x = supplierTextX();
            float ty = y - 15;
            List<String> nameLines = pen.wrap(s.legalName(), mid - 6 - x, NAME);
            Pen.Style nameStyle = nameLines.size() > 1 ? pen.fit(s.legalName(), mid - 6 - x, NAME) : NAME;
            pen.text(s.legalName(), x, ty, nameStyle);
            ty -= 13;
            for (String line : supplierLines()) {
                drawMaybeBold(pen, line, x, ty);
                ty -= 10;
            }
            float dy = y - 13;
            for (String[] row : detailRows()) {
                float labelEnd = pen.text(row[0], mid + 6, dy, LABEL);
                Pen.Style valueStyle = row[0].equals("Invoice No.") ? Pen.Style.bold(9) : BODY;
                float valueX = Math.max(mid + 78, labelEnd + 4);
                pen.cell(row[1], valueX, RIGHT - 6 - valueX, dy, valueStyle, false, 0);
                dy -= 11;
            }
            y -= blockHeight;

            // Recipient: bill to (left) and ship to (right) when different.
            float partiesHeight = partiesBlockHeight();
            float half = LEFT + WIDTH / 2;
            pen.box(LEFT, y - partiesHeight, WIDTH, partiesHeight, 0.8f);
            drawParty(pen, "Bill to", false, LEFT + 6, y);
            if (invoice.recipient().shipsElsewhere()) {
                pen.line(half, y, half, y - partiesHeight, 0.8f, 0f);
                drawParty(pen, "Ship to", true, half + 6, y);
            }
            return y - partiesHeight - 8;
        }

        private void drawParty(Pen pen, String title, boolean shipping, float x, float top) {
            pen.textColour(0.35f);
            pen.text(title, x, top - 9, LABEL);
            pen.textColour(0f);
            pen.cell(invoice.recipient().name(), x, WIDTH / 2 - 6, top - 19, Pen.Style.bold(9), false, 0);
            float y = top - 29;
            for (String line : partyLines(shipping)) {
                drawMaybeBold(pen, line, x, y);
                y -= 10;
            }
        }

        /** Lines marked with \u0001 print their label part ("GSTIN:") in bold. */
        private void drawMaybeBold(Pen pen, String line, float x, float y) {
            if (line.startsWith("\u0001")) {
                String text = line.substring(1);
                int colon = text.indexOf(':');
                float end = pen.text(text.substring(0, colon + 1), x, y, BODY_BOLD);
                pen.text(text.substring(colon + 1), end, y, BODY_BOLD);
            } else {
                pen.text(line, x, y, BODY);
            }
        }

        private float drawContinuationHeader(Pen pen) {
            float y = TOP;
            pen.text("TAX INVOICE (continued)", LEFT, y - 10, Pen.Style.bold(10));
            pen.textRight("Invoice No. " + invoice.number() + " dated " + DATE.format(invoice.issueDate()),
                    RIGHT, y - 10, BODY);
            pen.line(LEFT, y - 15, RIGHT, y - 15, 0.5f, 0f);
            return y - CONTINUATION_HEADER;
        }

        // ---- line table ----

        private float drawTable(Pen pen, float top, List<Row> rows, boolean withTotal) {
            float y = top;
            float[] widths = new float[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = width(columns.get(i));
            }
            drawHeaderRow(pen, columns, widths, y);
            float x;
            y -= HEADER_HEIGHT;
            pen.line(LEFT, y, RIGHT, y, 0.6f, 0f);
            for (Row row : rows) {
                float baseline = y - 7.5f;
                x = LEFT;
                for (Column c : columns) {
                    float w = width(c);
                    if (c.width == 0) {
                        float ly = baseline;
                        for (String part : row.description) {
                            pen.text(part, x + 2, ly, CELL);
                            ly -= ROW_LEADING;
                        }
                    } else {
                        pen.cell(c.value.apply(row), x, w, baseline, CELL, c.right, 2);
                    }
                    x += w;
                }
                y -= row.height;
                pen.line(LEFT, y, RIGHT, y, 0.3f, 0.75f);
            }
            if (withTotal) {
                pen.line(LEFT, y, RIGHT, y, 0.6f, 0f);
                x = LEFT;
                for (Column c : columns) {
                    float w = width(c);
                    String total = c.total.apply(figures);
                    if (!total.isEmpty()) {
                        pen.cell(total, x, w, y - 8.5f, CELL_BOLD, c.right, 2);
                    }
                    x += w;
                }
                y -= TOTAL_ROW_HEIGHT;
            }
            pen.box(LEFT, y, WIDTH, top - y, 0.8f);
            x = LEFT;
            for (int i = 0; i < columns.size() - 1; i++) {
                Column c = columns.get(i);
                x += width(c);
                boolean insideGroup = c.group != null && c.group.equals(columns.get(i + 1).group);
                pen.line(x, insideGroup ? top - 10 : top, x, y, 0.3f, 0.4f);
            }
            return y;
        }

        /** A header row: a label per column, or a group name (CGST, SGST …) over its Rate and Amount pair. */
        private static void drawHeaderRow(Pen pen, List<Column> cols, float[] widths, float top) {
            float total = 0;
            for (float w : widths) {
                total += w;
            }
            pen.fill(LEFT, top - HEADER_HEIGHT, total, HEADER_HEIGHT, 0.9f);
            float x = LEFT;
            for (int i = 0; i < cols.size(); i++) {
                Column c = cols.get(i);
                float w = widths[i];
                if (c.group == null) {
                    List<String> label = pen.wrap(c.header, w - 3, CELL_BOLD);
                    float ly = label.size() > 1 ? top - 8.5f : top - 12.5f;
                    for (String part : label) {
                        if (c.right) {
                            pen.textRight(part, x + w - 2, ly, CELL_BOLD);
                        } else {
                            pen.text(part, x + 2, ly, CELL_BOLD);
                        }
                        ly -= 7.5f;
                    }
                } else {
                    if (i == 0 || !c.group.equals(cols.get(i - 1).group)) {
                        float groupWidth = w + widths[i + 1];
                        pen.textCentered(c.group, x + groupWidth / 2, top - 8, CELL_BOLD);
                        pen.line(x, top - 10, x + groupWidth, top - 10, 0.3f, 0.4f);
                    }
                    pen.textRight(c.header, x + w - 2, top - 17.5f, CELL_BOLD);
                }
                x += w;
            }
        }

        private float width(Column c) {
            return c.width == 0 ? descriptionWidth : c.width;
        }

        // ---- totals, HSN summary, words, payment, signature ----

        private float summaryHeight() {
            float tables = Math.max(hsnTableHeight(), totalsRows().size() * 11f + 24f);
            return tables + 8 + wordsHeight() + 8 + 96f;
        }

        private float hsnTableHeight() {
            return HEADER_HEIGHT + (figures.byHsnAndRate().size() + 1) * 10f;
        }

        private float wordsHeight() {
            return measure.wrap(words(), WIDTH - 12, BODY_BOLD).size() * 10f + 8f;
        }

        private String words() {
            return "Amount in words: " + AmountInWords.of(figures.grandTotal());
        }

        private List<String[]> totalsRows() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Taxable value", AmountText.of(figures.taxableTotal())});
            if (intraState) {
                rows.add(new String[] {"CGST", AmountText.of(figures.cgst())});
                rows.add(new String[] {stateTax, AmountText.of(figures.sgst())});
            } else {
                rows.add(new String[] {"IGST", AmountText.of(figures.igst())});
            }
            if (hasCess) {
                rows.add(new String[] {"Cess", AmountText.of(figures.cess())});
            }
            rows.add(new String[] {"Round off", AmountText.signed(figures.roundOff())});
            return rows;
        }

        private void drawSummary(Pen pen, float top) {
            float hsnWidth = 370f; // HSN, UQC and quantity, rate and tax: GSTR-1 Table 12's grouping
            float tablesBottom = Math.min(drawHsnSummary(pen, top, hsnWidth), drawTotals(pen, top, LEFT + hsnWidth + 12));
            float y = tablesBottom - 8;
            List<String> words = pen.wrap(words(), WIDTH - 12, BODY_BOLD);
            float wordsHeight = words.size() * 10f + 8f;
            pen.box(LEFT, y - wordsHeight, WIDTH, wordsHeight, 0.8f);
            float wy = y - 11;
            for (String line : words) {
                pen.text(line, LEFT + 6, wy, BODY_BOLD);
                wy -= 10;
            }
            y -= wordsHeight + 8;
            drawPaymentAndSignature(pen, y);
        }

        private float drawHsnSummary(Pen pen, float top, float width) {
            List<Column> c = new ArrayList<>();
            c.add(new Column(null, "HSN/SAC", 40, false, null, null));
            c.add(new Column(null, "UQC", 22, false, null, null));
            c.add(new Column(null, "Qty", 30, true, null, null));
            c.add(new Column(null, "Taxable value", 0, true, null, null));
            if (intraState) {
                c.add(new Column("CGST", "Rate", 24, true, null, null));
                c.add(new Column("CGST", "Amount", 44, true, null, null));
                c.add(new Column(stateTax, "Rate", 24, true, null, null));
                c.add(new Column(stateTax, "Amount", 44, true, null, null));
            } else {
                c.add(new Column("IGST", "Rate", 28, true, null, null));
                c.add(new Column("IGST", "Amount", 56, true, null, null));
            }
            if (hasCess) {
                c.add(new Column(null, "Cess", 36, true, null, null));
            }
            c.add(new Column(null, "Total tax", 50, true, null, null));
            float fixed = (float) c.stream().mapToDouble(Column::width).sum();
            float flex = width - fixed;
            float y = top;
            float[] widths = new float[c.size()];
            for (int i = 0; i < c.size(); i++) {
                widths[i] = c.get(i).width == 0 ? flex : c.get(i).width;
            }
            drawHeaderRow(pen, c, widths, y);
            float x;
            y -= HEADER_HEIGHT;
            pen.line(LEFT, y, LEFT + width, y, 0.6f, 0f);
            List<List<String>> rows = new ArrayList<>();
            for (HsnSummary h : figures.byHsnAndRate()) {
                // a service has no quantity (UQC NA): the cell stays empty rather than print 0
                String quantity = Uqc.SERVICE.equals(h.uqc()) ? "" : AmountText.quantity(h.quantity());
                rows.add(hsnRow(h.hsnSac(), h.uqc(), quantity, h.taxableValue(), h.rate(), h.cgst(), h.sgst(), h.igst(),
                        h.cess(), h.totalTax()));
            }
            rows.add(hsnRow("Total", "", "", figures.taxableTotal(), null, figures.cgst(), figures.sgst(), figures.igst(),
                    figures.cess(), figures.totalTax()));
            for (int r = 0; r < rows.size(); r++) {
                boolean total = r == rows.size() - 1;
                if (total) {
                    pen.line(LEFT, y, LEFT + width, y, 0.6f, 0f);
                }
                x = LEFT;
                for (int i = 0; i < c.size(); i++) {
                    float w = c.get(i).width == 0 ? flex : c.get(i).width;
                    pen.cell(rows.get(r).get(i), x, w, y - 7.5f, total ? CELL_BOLD : CELL, c.get(i).right, 2);
                    x += w;
                }
                y -= 10;
            }
            pen.box(LEFT, y, width, top - y, 0.8f);
            x = LEFT;
            for (int i = 0; i < c.size() - 1; i++) {
                x += c.get(i).width == 0 ? flex : c.get(i).width;
                boolean insideGroup = c.get(i).group != null && c.get(i).group.equals(c.get(i + 1).group);
                pen.line(x, insideGroup ? top - 10 : top, x, y, 0.3f, 0.4f);
            }
            return y;
        }

        private List<String> hsnRow(String code, String uqc, String quantity, Money taxable,
                                    com.gstcomms.core.money.Rate rate, Money cgst, Money sgst, Money igst, Money cess,
                                    Money totalTax) {
            List<String> row = new ArrayList<>();
            row.add(code);
            row.add(uqc);
            row.add(quantity);
            row.add(AmountText.of(taxable));
            String ratePart;
            if (intraState) {
                ratePart = rate == null ? "" : AmountText.percent(rate.half());
                row.add(ratePart);
                row.add(AmountText.of(cgst));
                row.add(ratePart);
                row.add(AmountText.of(sgst));
            } else {
                row.add(rate == null ? "" : AmountText.percent(rate));
                row.add(AmountText.of(igst));
            }
            if (hasCess) {
                row.add(AmountText.of(cess));
            }
            row.add(AmountText.of(totalTax));
            return row;
        }

        private float drawTotals(Pen pen, float top, float x) {
            float width = RIGHT - x;
            float y = top;
            List<String[]> rows = totalsRows();
            float height = rows.size() * 11f + 24f;
            pen.box(x, y - height, width, height, 0.8f);
            float ty = y - 10;
            for (String[] row : rows) {
                pen.text(row[0], x + 6, ty, BODY);
                pen.textRight(row[1], RIGHT - 6, ty, BODY);
                ty -= 11;
            }
            pen.fill(x, y - height, width, 22, 0.9f);
            pen.line(x, y - height + 22, RIGHT, y - height + 22, 0.8f, 0f);
            pen.text("Grand total", x + 6, y - height + 8, Pen.Style.bold(10));
            pen.textRight(AmountText.rupees(figures.grandTotal()), RIGHT - 6, y - height + 8, Pen.Style.bold(11));
            return y - height;
        }

        private void drawPaymentAndSignature(Pen pen, float top) {
            float height = 92f;
            float bottom = top - height;
            if (invoice.asksForUpiPayment()) {
                Supplier s = invoice.supplier();
                Money due = invoice.amountDue();
                String link = UpiPaymentLink.of(s.upiId(), s.displayName(), due, invoice.number());
                BitMatrix qr = Barcodes.qr(link);
                float size = 80f;
                pen.barcode(qr, LEFT + 4, bottom + 6, size, size);
                float tx = LEFT + size + 14;
                pen.text("Pay by UPI", tx, top - 14, Pen.Style.bold(9));
                pen.text("Scan with any UPI app to pay", tx, top - 27, BODY);
                pen.text(AmountText.rupees(due), tx, top - 40, Pen.Style.bold(10));
                pen.text("UPI ID: " + s.upiId(), tx, top - 53, BODY);
                pen.text("Note: " + invoice.number(), tx, top - 64, BODY);
                if (invoice.amountPaid().signum() > 0) {
                    pen.text("Paid so far " + AmountText.rupees(invoice.amountPaid()), tx, top - 75, SMALL);
                }
            }
            float sx = RIGHT - 210;
            pen.box(sx, bottom, 210, height, 0.8f);
            List<String> forLines = pen.wrap("For " + invoice.supplier().legalName(), 198, BODY_BOLD);
            float fy = top - 12;
            for (String line : forLines.subList(0, Math.min(2, forLines.size()))) {
                pen.text(line, sx + 6, fy, BODY_BOLD);
                fy -= 10;
            }
            pen.line(sx + 40, bottom + 30, RIGHT - 40, bottom + 30, 0.4f, 0.4f);
            pen.textCentered("Authorised signatory", sx + 105, bottom + 20, BODY);
            pen.textCentered("Computer-generated invoice: no signature is required", sx + 105, bottom + 10, SMALL);
            pen.textCentered("(GST Rule 46(q) proviso; IT Act 2000)", sx + 105, bottom + 3, Pen.Style.regular(5.5f));
        }

        private void drawFooter(Pen pen, int page, int pages) {
            Supplier s = invoice.supplier();
            pen.line(LEFT, 30, RIGHT, 30, 0.3f, 0.6f);
            pen.textColour(0.3f);
            pen.cell(s.legalName() + " · GSTIN " + s.gstin(), LEFT, 220, 20, SMALL, false, 0);
            pen.textCentered("Page " + page + " of " + pages, (LEFT + RIGHT) / 2, 20, SMALL);
            pen.textRight("Tax Invoice " + invoice.number(), RIGHT, 20, SMALL);
            pen.textColour(0f);
        }

        private void drawCancelled(Pen pen) {
            pen.transformed(Matrix.getRotateInstance(Math.toRadians(30), 150, 300), () -> {
                pen.textColour(0.8f);
                pen.text("CANCELLED", 0, 0, Pen.Style.bold(72));
                pen.textColour(0f);
            });
        }
    }
}
