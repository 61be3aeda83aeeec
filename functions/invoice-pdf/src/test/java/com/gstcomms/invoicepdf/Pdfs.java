package com.gstcomms.invoicepdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;

/** Reads stored PDFs back. */
final class Pdfs {

    private Pdfs() {
    }

    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF: " + e.getMessage(), e);
        }
    }

    static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF: " + e.getMessage(), e);
        }
    }

    /** Image XObjects on the first page (the UPI QR code, the logo). */
    static int images(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var resources = document.getPage(0).getResources();
            int count = 0;
            for (var name : resources.getXObjectNames()) {
                if (resources.isImageXObject(name)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF: " + e.getMessage(), e);
        }
    }
}
