package com.gstcomms.core.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A practical email address check, not full RFC 5322: what SendGrid and common mail servers
 * accept, so that a typo is caught at import time rather than as a bounce. The address is
 * trimmed and its domain lower-cased; the local part keeps its case (it is, strictly, case
 * sensitive). Quoted local parts, IP-literal domains and non-ASCII (internationalised)
 * addresses are rejected.
 */
public final class Email {

    static final String FIELD = "email";
    /** The RFC 5322 "atext" characters allowed in an unquoted local part. */
    private static final Pattern LOCAL_CHARS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private Email() {
    }

    public static Validated<String> validate(String input) {
        if (input == null || input.isBlank()) {
            return invalid("email address is missing");
        }
        String email = input.strip();
        if (email.chars().anyMatch(Character::isWhitespace)) {
            return invalid("email address '" + email + "' contains a space");
        }
        int at = email.indexOf('@');
        if (at < 0) {
            return invalid("email address '" + email + "' has no '@'");
        }
        if (email.indexOf('@', at + 1) >= 0) {
            return invalid("email address '" + email + "' has more than one '@'");
        }
        if (email.length() > 254) {
            return invalid("email address is " + email.length() + " characters long; at most 254 are allowed");
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.isEmpty()) {
            return invalid("email address '" + email + "' has nothing before the '@'");
        }
        if (local.length() > 64) {
            return invalid("email address '" + email + "' has more than 64 characters before the '@'");
        }
        if (!LOCAL_CHARS.matcher(local).matches()) {
            return invalid("email address '" + email + "' has a character not allowed before the '@'");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return invalid("email address '" + email + "' has a misplaced '.' before the '@'");
        }
        if (domain.isEmpty()) {
            return invalid("email address '" + email + "' has no domain after the '@'");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return invalid("email address '" + email + "' has no '.' in its domain '" + domain + "'");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !LABEL.matcher(label).matches()) {
                return invalid("email address '" + email + "' has an invalid domain '" + domain + "'");
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return invalid("email address '" + email + "' has an invalid top-level domain '"
                    + labels[labels.length - 1] + "'");
        }
        return Validated.valid(local + "@" + domain);
    }

    private static Validated<String> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
