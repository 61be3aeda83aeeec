package com.gstcomms.templates;

import java.util.regex.Pattern;

/**
 * The plain-text alternative of an HTML body, for shop templates that have only HTML. Deliberately
 * simple: block elements become line breaks, links keep their address, tags go, the five entities Qute
 * escapes come back.
 */
final class PlainText {

    private static final Pattern HEAD = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|tr|li|table)>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n\\s*(\\n\\s*)+");

    private PlainText() {
    }

    static String fromHtml(String html) {
        String text = HEAD.matcher(html).replaceAll("");
        text = LINK.matcher(text).replaceAll("$2 ($1)");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#8377;", "₹").replace("&nbsp;", " ").replace("&amp;", "&");
        text = SPACES.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip() + "\n";
    }
}
