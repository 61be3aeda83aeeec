package com.gstcomms.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads produced PDFs back the way a person or a scanner would: text, page images, barcodes, fonts. */
public final class PdfReading {

    private PdfReading() {
    }

    public static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new AssertionError("the PDF does not open: " + e.getMessage(), e);
        }
    }

    /** The text of each page. */
    public static List<String> pageTexts(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        } catch (IOException e) {
            throw new AssertionError("the PDF does not open: " + e.getMessage(), e);
        }
    }

    public static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static BufferedImage image(byte[] pdf, int pageIndex, float dpi, ImageType type) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(pageIndex, dpi, type);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every barcode of the given formats found on the page image, by its text. */
    public static List<Result> barcodes(BufferedImage image, BarcodeFormat... formats) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, Arrays.asList(formats));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        try {
            return List.of(new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap, hints));
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /** The names of the fonts used on the pages, e.g. {@code ABCDEF+NotoSans-Regular}. */
    public static TreeSet<String> fontNames(byte[] pdf) {
        TreeSet<String> names = new TreeSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    names.add(page.getResources().getFont(name).getName());
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    /** Whether every font on every page is embedded (a font file in its descriptor) and a Type 0 font. */
    public static boolean allFontsEmbedded(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (!(font instanceof PDType0Font type0) || !type0.getDescendantFont().isEmbedded()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
