package com.gstcomms.documents;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bundled fonts, parsed once: Noto Sans (regular, bold; Latin and the rupee sign) and Noto Sans
 * Devanagari, Bengali and Tamil for names and addresses in those scripts. All are under the SIL Open
 * Font License 1.1 (see {@code fonts/OFL.txt} beside them and FONTS.md).
 *
 * <p>Parsing a font costs milliseconds; a document embeds a subset of each face it uses, which is
 * cheap once the font is parsed. A parsed font is read while a document is saved, so one library
 * serves one rendering at a time: the renderers hold {@link #lock()} while they work. Make one
 * library per thread to render in parallel.
 */
public final class FontLibrary {

    /** A bundled font file. */
    public enum Face {
        REGULAR("NotoSans-Regular.ttf"),
        BOLD("NotoSans-Bold.ttf"),
        DEVANAGARI("NotoSansDevanagari-Regular.ttf"),
        BENGALI("NotoSansBengali-Regular.ttf"),
        TAMIL("NotoSansTamil-Regular.ttf");

        final String file;

        Face(String file) {
            this.file = file;
        }

        /** Faces other than the Latin ones need shaping and carry ActualText for copy and search. */
        boolean isIndicScript() {
            return this == DEVANAGARI || this == BENGALI || this == TAMIL;
        }
    }

    /** Fallback order: the Latin face first (amounts, ₹, English), then the Indic scripts. */
    static final List<Face> SCRIPTS = List.of(Face.DEVANAGARI, Face.BENGALI, Face.TAMIL);

    private final Map<Face, TrueTypeFont> fonts = new EnumMap<>(Face.class);
    private final Map<Face, CmapLookup> cmaps = new EnumMap<>(Face.class);
    private final ReentrantLock lock = new ReentrantLock();

    private FontLibrary() {
    }

    /** Parses the bundled fonts. */
    public static FontLibrary load() {
        FontLibrary library = new FontLibrary();
        for (Face face : Face.values()) {
            try (InputStream in = FontLibrary.class.getResourceAsStream("fonts/" + face.file)) {
                if (in == null) {
                    throw new IllegalStateException("bundled font fonts/" + face.file + " is missing from the classpath"
                            + " (in a native image, include the resources com/gstcomms/documents/fonts/*)");
                }
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                library.fonts.put(face, ttf);
                library.cmaps.put(face, ttf.getUnicodeCmapLookup());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled font " + face.file, e);
            }
        }
        return library;
    }

    TrueTypeFont font(Face face) {
        return fonts.get(face);
    }

    /** Whether the face has a glyph for the character. */
    boolean has(Face face, int codePoint) {
        return cmaps.get(face).getGlyphId(codePoint) > 0;
    }

    ReentrantLock lock() {
        return lock;
    }
}
