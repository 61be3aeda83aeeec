package com.gstcomms.documents;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fonts of one PDF: each face is embedded as a subset (only the glyphs used), and only when the
 * document uses it, so an English invoice carries no Devanagari font.
 */
final class DocumentFonts {

    private final PDDocument document;
    private final FontLibrary library;
    private final Map<FontLibrary.Face, PDType0Font> loaded = new EnumMap<>(FontLibrary.Face.class);

    DocumentFonts(PDDocument document, FontLibrary library) {
        this.document = document;
        this.library = library;
    }

    FontLibrary library() {
        return library;
    }

    PDType0Font font(FontLibrary.Face face) {
        return loaded.computeIfAbsent(face, f -> {
            try {
                return PDType0Font.load(document, library.font(f), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot embed font " + f.file, e);
            }
        });
    }
}
