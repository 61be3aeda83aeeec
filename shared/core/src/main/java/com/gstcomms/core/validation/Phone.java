package com.gstcomms.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers to E.164 ({@code +919876543210}), the form Twilio's WhatsApp API needs, using
 * Google's libphonenumber rather than a regular expression so that numbering-plan changes arrive
 * with a library update. A number without a country code is read as Indian: {@code "9876543210"},
 * {@code "09876543210"}, {@code "+91 98765 43210"} and {@code "91-98765-43210"} all give
 * {@code +919876543210}. Numbers of other countries are accepted when written with their code.
 */
public final class Phone {

    public static final String DEFAULT_REGION = "IN";
    static final String FIELD = "phone";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phone() {
    }

    /** The number in E.164 form, or why it is not a valid phone number. */
    public static Validated<String> toE164(String input) {
        return toE164(input, DEFAULT_REGION);
    }

    /** As {@link #toE164(String)}, reading numbers without a country code as {@code region}'s. */
    public static Validated<String> toE164(String input, String region) {
        if (input == null || input.isBlank()) {
            return invalid("phone number is missing");
        }
        String raw = input.strip();
        PhoneNumber number;
        try {
            number = UTIL.parse(raw, region);
        } catch (NumberParseException e) {
            return invalid("phone number '" + raw + "' " + switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "has an unknown country code";
                case NOT_A_NUMBER -> "is not a phone number";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "is too short";
                case TOO_LONG -> "is too long";
            });
        }
        if (!UTIL.isValidNumber(number)) {
            String why = switch (UTIL.isPossibleNumberWithReason(number)) {
                case TOO_SHORT -> "is too short";
                case TOO_LONG -> "is too long";
                case INVALID_COUNTRY_CODE -> "has an unknown country code";
                case INVALID_LENGTH -> "has the wrong number of digits";
                case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> "is not a valid number in "
                        + (UTIL.getRegionCodeForNumber(number) == null
                           ? "+" + number.getCountryCode()
                           : UTIL.getRegionCodeForNumber(number));
            };
            return invalid("phone number '" + raw + "' " + why);
        }
        return Validated.valid(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    private static Validated<String> invalid(String reason) {
        return Validated.invalid(FIELD, reason);
    }
}
