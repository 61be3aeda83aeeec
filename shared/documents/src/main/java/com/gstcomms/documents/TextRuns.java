package com.gstcomms.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into runs of one font each (per-character font fallback): Latin, digits and ₹ in Noto
 * Sans; Devanagari, Bengali and Tamil in their Noto faces. Marks, joiners and spaces stay with the
 * run they are in, so a syllable is never split between fonts. A character no bundled font has
 * (an emoji, Chinese) prints as '?' rather than failing the document.
 *
 * <p>Tamil is put into visual order here: PDFBox 3 shapes Devanagari and Bengali (GSUB, including the
 * pre-base vowel sign ि / ি) but has no Tamil shaper, and Tamil's pre-base vowel signs ெ ே ை (and the
 * two-part ொ ோ ௌ) are written before the consonant they follow in Unicode. Each Indic run also
 * carries its original text as ActualText, so copying and searching give the text as typed.
 */
final class TextRuns {

    static final char MISSING = '?';

    /** One run: the face, the text as typed, and the text to draw (visual order). */
    record Run(FontLibrary.Face face, String text, String drawn) {
    }

    private TextRuns() {
    }

    static List<Run> split(String text, boolean bold, FontLibrary library) {
        FontLibrary.Face primary = bold ? FontLibrary.Face.BOLD : FontLibrary.Face.REGULAR;
        List<Run> runs = new ArrayList<>();
        FontLibrary.Face current = null;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                cp = ' ';
            }
            FontLibrary.Face face;
            if (current != null && staysInRun(cp) && library.has(current, cp)) {
                face = current;
            } else {
                face = pick(cp, primary, library);
                if (face == null) {
                    face = current != null && library.has(current, MISSING) ? current : primary;
                    cp = MISSING;
                }
            }
            if (face != current && run.length() > 0) {
                runs.add(run(current, run.toString()));
                run.setLength(0);
            }
            current = face;
            run.appendCodePoint(cp);
        }
        if (run.length() > 0) {
            runs.add(run(current, run.toString()));
        }
        return runs;
    }

    private static Run run(FontLibrary.Face face, String text) {
        return new Run(face, text, face == FontLibrary.Face.TAMIL ? tamilVisualOrder(text) : text);
    }

    private static FontLibrary.Face pick(int cp, FontLibrary.Face primary, FontLibrary library) {
        if (library.has(primary, cp)) {
            return primary;
        }
        for (FontLibrary.Face face : FontLibrary.SCRIPTS) {
            if (library.has(face, cp)) {
                return face;
            }
        }
        if (primary == FontLibrary.Face.BOLD && library.has(FontLibrary.Face.REGULAR, cp)) {
            return FontLibrary.Face.REGULAR;
        }
        return null;
    }

    /** Marks, joiners, spaces and common punctuation continue the current run when its font has them. */
    private static boolean staysInRun(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || cp == 0x200C || cp == 0x200D
                || cp == ' ' || cp == 0x00A0 || cp == '.' || cp == ',' || cp == '-' || cp == 0x0964 || cp == 0x0965;
    }

    private static boolean isTamilConsonant(int cp) {
        return cp >= 0x0B95 && cp <= 0x0BB9;
    }

    /**
     * Moves Tamil pre-base vowel signs before their consonant: க + ெ → ெ + க; the two-part signs
     * split around it: க + ொ → ெ + க + ா, க + ோ → ே + க + ா, க + ௌ → ெ + க + ௗ.
     */
    static String tamilVisualOrder(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (isTamilConsonant(c) && next >= 0x0BC6 && next <= 0x0BCC && next != 0x0BC9) {
                switch (next) {
                    case 0x0BC6, 0x0BC7, 0x0BC8 -> out.append(next).append(c);
                    case 0x0BCA -> out.append('\u0BC6').append(c).append('\u0BBE');
                    case 0x0BCB -> out.append('\u0BC7').append(c).append('\u0BBE');
                    case 0x0BCC -> out.append('\u0BC6').append(c).append('\u0BD7');
                    default -> out.append(c).append(next);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
