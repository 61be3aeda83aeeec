package com.gstcomms.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Widths, word wrapping and shrink-to-fit of text in the bundled fonts, for laying out before drawing. */
final class TextMeasure {

    private final DocumentFonts fonts;

    TextMeasure(DocumentFonts fonts) {
        this.fonts = fonts;
    }

    float width(String text, Pen.Style style) {
        float w = 0;
        for (TextRuns.Run run : TextRuns.split(text, style.bold(), fonts.library())) {
            w += runWidth(run, style.size());
        }
        return w;
    }

    float runWidth(TextRuns.Run run, float size) {
        try {
            return fonts.font(run.face()).getStringWidth(run.drawn()) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The style, shrunk (not below 5 pt) until the text fits the width. */
    Pen.Style fit(String text, float maxWidth, Pen.Style style) {
        float w = width(text, style);
        if (w <= maxWidth) {
            return style;
        }
        return style.ofSize(Math.max(5f, style.size() * maxWidth / w));
    }

    /** Word-wraps text into lines no wider than the width; words longer than a line are broken. */
    List<String> wrap(String text, float maxWidth, Pen.Style style) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        for (String paragraph : text.split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, style) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (rest.length() > 1 && width(rest, style) > maxWidth) {
                    int cut = breakPoint(rest, maxWidth, style);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** The longest prefix that fits (at least one character), never splitting a character from its marks. */
    private int breakPoint(String word, float maxWidth, Pen.Style style) {
        int best = Character.charCount(word.codePointAt(0));
        for (int i = best; i < word.length(); ) {
            int cp = word.codePointAt(i);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || cp == 0x200C || cp == 0x200D;
            if (!mark) {
                if (width(word.substring(0, i), style) > maxWidth) {
                    break;
                }
                best = i;
            }
            i += Character.charCount(cp);
        }
        return best;
    }
}
