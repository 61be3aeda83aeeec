package com.gstcomms.email;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces substitution markers in one pass, as SendGrid does with a personalization's substitutions. */
final class Substitutions {

    private Substitutions() {
    }

    static String apply(String body, Map<String, String> substitutions) {
        if (substitutions.isEmpty()) {
            return body;
        }
        Pattern any = Pattern.compile(substitutions.keySet().stream().map(Pattern::quote)
                .reduce((a, b) -> a + "|" + b).orElseThrow());
        Matcher m = any.matcher(body);
        StringBuilder out = new StringBuilder(body.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(substitutions.get(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
