package com.gstcomms.documents;

import java.util.List;

/**
 * A rendered PDF.
 *
 * @param bytes    the PDF file
 * @param pages    its page count
 * @param warnings what was left out and why (e.g. a logo that is not a PNG or JPEG); the document is
 *                 still complete and valid without it
 */
public record RenderedPdf(byte[] bytes, int pages, List<String> warnings) {
    public RenderedPdf {
        warnings = List.copyOf(warnings);
    }

    public static final String CONTENT_TYPE = "application/pdf";
}
