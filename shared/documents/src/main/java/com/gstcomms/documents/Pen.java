package com.gstcomms.documents;

import com.google.zxing.common.BitMatrix;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws on one page: text in the bundled fonts (with per-run font fallback), lines, boxes, images
 * and barcodes. Coordinates are PDF points from the bottom-left corner; text is placed by its
 * baseline. IO errors become {@link UncheckedIOException}: the page is in memory, so they mean a bug.
 */
final class Pen implements AutoCloseable {

    private static final COSName SPAN = COSName.getPDFName("Span");

    /** A text style: weight and size in points. */
    record Style(boolean bold, float size) {
        static Style regular(float size) {
            return new Style(false, size);
        }

        static Style bold(float size) {
            return new Style(true, size);
        }

        Style ofSize(float newSize) {
            return new Style(bold, newSize);
        }
    }

    private final DocumentFonts fonts;
    private final TextMeasure measure;
    private final PDPageContentStream out;

    Pen(PDDocument document, PDPage page, DocumentFonts fonts) {
        this.fonts = fonts;
        this.measure = new TextMeasure(fonts);
        try {
            this.out = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- text ----

    TextMeasure measure() {
        return measure;
    }

    float width(String text, Style style) {
        return measure.width(text, style);
    }

    List<String> wrap(String text, float maxWidth, Style style) {
        return measure.wrap(text, maxWidth, style);
    }

    Style fit(String text, float maxWidth, Style style) {
        return measure.fit(text, maxWidth, style);
    }

    /** Draws text with its baseline at y; returns the x where it ended. */
    float text(String text, float x, float y, Style style) {
        if (text == null || text.isEmpty()) {
            return x;
        }
        try {
            out.beginText();
            out.newLineAtOffset(x, y);
            float end = x;
            for (TextRuns.Run run : TextRuns.split(text, style.bold(), fonts.library())) {
                PDType0Font font = fonts.font(run.face());
                out.setFont(font, style.size());
                if (run.face().isIndicScript()) {
                    // Shaped glyphs (conjuncts, reordered vowel signs) have no one-to-one Unicode mapping:
                    // ActualText gives copy, search and text extraction the text as typed (ISO 32000-1 14.9.4).
                    COSDictionary properties = new COSDictionary();
                    properties.setItem(COSName.ACTUAL_TEXT, new COSString(run.text()));
                    out.beginMarkedContent(SPAN, PDPropertyList.create(properties));
                    out.showText(run.drawn());
                    out.endMarkedContent();
                } else {
                    out.showText(run.drawn());
                }
                end += measure.runWidth(run, style.size());
            }
            out.endText();
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void textRight(String text, float right, float y, Style style) {
        text(text, right - width(text, style), y, style);
    }

    void textCentered(String text, float centre, float y, Style style) {
        text(text, centre - width(text, style) / 2, y, style);
    }

    /** Text in a cell, shrunk to fit; right-aligned when {@code right}. */
    void cell(String text, float x, float width, float y, Style style, boolean right, float padding) {
        float room = width - 2 * padding;
        Style fitted = fit(text, room, style);
        if (right) {
            textRight(text, x + width - padding, y, fitted);
        } else {
            text(text, x + padding, y, fitted);
        }
    }

    // ---- shapes ----

    void line(float x1, float y1, float x2, float y2, float lineWidth, float gray) {
        try {
            out.setStrokingColor(gray);
            out.setLineWidth(lineWidth);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void dashedLine(float x1, float y1, float x2, float y2) {
        try {
            out.saveGraphicsState();
            out.setLineDashPattern(new float[] {4, 3}, 0);
            line(x1, y1, x2, y2, 0.5f, 0.5f);
            out.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void box(float x, float y, float w, float h, float lineWidth) {
        try {
            out.setStrokingColor(0f);
            out.setLineWidth(lineWidth);
            out.addRect(x, y, w, h);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill(float x, float y, float w, float h, float gray) {
        try {
            out.setNonStrokingColor(gray);
            out.addRect(x, y, w, h);
            out.fill();
            out.setNonStrokingColor(0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void textColour(float gray) {
        try {
            out.setNonStrokingColor(gray);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Draws the dark modules of a barcode as filled rectangles (vector: sharp at any printer
     * resolution, a few hundred bytes), the matrix stretched over the box. Horizontal runs of dark
     * modules are one rectangle each.
     */
    void barcode(BitMatrix matrix, float x, float y, float w, float h) {
        float moduleW = w / matrix.getWidth();
        float moduleH = h / matrix.getHeight();
        try {
            out.setNonStrokingColor(0f);
            for (int row = 0; row < matrix.getHeight(); row++) {
                int col = 0;
                while (col < matrix.getWidth()) {
                    if (!matrix.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < matrix.getWidth() && matrix.get(col, row)) {
                        col++;
                    }
                    out.addRect(x + start * moduleW, y + h - (row + 1) * moduleH, (col - start) * moduleW, moduleH);
                }
            }
            out.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(PDImageXObject image, float x, float y, float w, float h) {
        try {
            out.drawImage(image, x, y, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs drawing code with the coordinate system moved and scaled (used to put labels on an A4 sheet). */
    void transformed(Matrix matrix, Runnable drawing) {
        try {
            out.saveGraphicsState();
            out.transform(matrix);
            drawing.run();
            out.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
