package com.gstcomms.imports;

import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.PinCode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads customer rows (Shopify's export or our template). A row needs a Shopify customer ID or an email
 * address: those are what a customer is matched on, (shop, Shopify ID) first, then (shop, email ignoring
 * case), so importing the same file again finds the same customers.
 */
public final class CustomerRows {

    public static final String SHOPIFY_ID = "shopifyId";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String ADDRESS_PHONE = "addressPhone";
    public static final String COMPANY = "company";
    public static final String GSTIN = "gstin";
    public static final String ADDRESS1 = "address1";
    public static final String ADDRESS2 = "address2";
    public static final String CITY = "city";
    public static final String STATE = "state";
    public static final String PIN = "pin";
    public static final String COUNTRY = "country";
    public static final String TAGS = "tags";
    public static final String EMAIL_OPT_IN = "emailOptIn";
    public static final String WHATSAPP_OPT_IN = "whatsappOptIn";
    public static final String LOCALE = "locale";

    /** The customer fields an import can set; a field whose column the file lacks is left as it is. */
    public enum Field {
        SHOPIFY_ID, FIRST_NAME, LAST_NAME, EMAIL, PHONE, COMPANY, GSTIN, ADDRESS1, ADDRESS2, CITY, STATE_CODE, PIN,
        COUNTRY_CODE, TAGS, EMAIL_OPT_IN, WHATSAPP_OPT_IN, LOCALE
    }

    private CustomerRows() {
    }

    /** Which customer fields a file of this header sets. */
    public static Set<Field> fieldsSet(HeaderMatch match) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        if (match.has(SHOPIFY_ID)) fields.add(Field.SHOPIFY_ID);
        if (match.has(FIRST_NAME)) fields.add(Field.FIRST_NAME);
        if (match.has(LAST_NAME)) fields.add(Field.LAST_NAME);
        if (match.has(EMAIL)) fields.add(Field.EMAIL);
        if (match.has(PHONE) || match.has(ADDRESS_PHONE)) fields.add(Field.PHONE);
        if (match.has(COMPANY)) fields.add(Field.COMPANY);
        if (match.has(GSTIN)) fields.add(Field.GSTIN);
        if (match.has(ADDRESS1)) fields.add(Field.ADDRESS1);
        if (match.has(ADDRESS2)) fields.add(Field.ADDRESS2);
        if (match.has(CITY)) fields.add(Field.CITY);
        if (match.has(STATE)) fields.add(Field.STATE_CODE);
        if (match.has(PIN)) fields.add(Field.PIN);
        if (match.has(COUNTRY)) fields.add(Field.COUNTRY_CODE);
        if (match.has(TAGS)) fields.add(Field.TAGS);
        if (match.has(EMAIL_OPT_IN)) fields.add(Field.EMAIL_OPT_IN);
        if (match.has(WHATSAPP_OPT_IN)) fields.add(Field.WHATSAPP_OPT_IN);
        if (match.has(LOCALE)) fields.add(Field.LOCALE);
        return fields;
    }

    /**
     * What identifies the row's customer within the file, for finding duplicates while splitting:
     * {@code id:<Shopify ID>} and {@code email:<address, lower case>} — cheap, no full validation.
     */
    public static List<String> identityKeys(HeaderMatch match, SourceRecord record) {
        List<String> keys = new ArrayList<>(2);
        String id = shopifyIdText(match.value(record, SHOPIFY_ID));
        if (!id.isEmpty()) {
            keys.add("id:" + id);
        }
        String email = match.value(record, EMAIL);
        if (email.indexOf('@') > 0) {
            keys.add("email:" + email.toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    /** Describes a duplicate key for the report. */
    public static String describeKey(String key) {
        return key.startsWith("id:") ? "the same Shopify customer ID" : "the same email address (case ignored)";
    }

    public static RowResult<CustomerRecord> read(HeaderMatch match, SourceRecord record) {
        RowCheck check = new RowCheck(match, record);

        Long shopifyId = null;
        String idText = shopifyIdText(check.text(SHOPIFY_ID));
        if (!idText.isEmpty()) {
            if (!idText.chars().allMatch(Character::isDigit) || idText.length() > 18 || idText.startsWith("0")) {
                check.problem(SHOPIFY_ID, match.heading(SHOPIFY_ID) + " must be the number Shopify gives a customer, found '"
                        + check.text(SHOPIFY_ID) + "'.");
            } else {
                shopifyId = Long.parseLong(idText);
            }
        }

        String email = null;
        if (check.text(EMAIL).isEmpty()) {
            if (idText.isEmpty()) {
                check.problem(EMAIL, "An email address is required when the row has no Shopify customer ID.");
            }
        } else {
            email = check.validated(EMAIL, Email.validate(check.text(EMAIL)));
        }

        String countryCode = null;
        String country = check.text(COUNTRY);
        if (!country.isEmpty()) {
            if (country.length() == 2 && country.chars().allMatch(Character::isLetter)) {
                countryCode = country.toUpperCase(Locale.ROOT);
            } else if (country.equalsIgnoreCase("India")) {
                countryCode = "IN";
            } else {
                check.problem(COUNTRY, match.heading(COUNTRY) + " must be a two-letter country code such as IN, found '"
                        + country + "'.");
            }
        }
        boolean inIndia = countryCode == null || countryCode.equals("IN");
        String region = countryCode == null ? Phone.DEFAULT_REGION : countryCode;

        String phone = null;
        String phoneKey = !check.text(PHONE).isEmpty() ? PHONE : ADDRESS_PHONE;
        String phoneText = check.text(phoneKey);
        if (phoneText.startsWith("'")) {
            phoneText = phoneText.substring(1);
        }
        if (!phoneText.isEmpty()) {
            phone = check.validated(phoneKey, Phone.toE164(phoneText, region));
        }

        String gstin = null;
        if (!check.text(GSTIN).isEmpty()) {
            Gstin valid = check.validated(GSTIN, GstinValidator.validate(check.text(GSTIN)));
            gstin = valid == null ? null : valid.value();
        }

        String stateCode = null;
        if (inIndia) {
            stateCode = check.state(STATE).map(IndianState::code).orElse(null);
        }
        String pin = null;
        if (!check.text(PIN).isEmpty()) {
            if (inIndia) {
                pin = check.validated(PIN, PinCode.validate(check.text(PIN)));
            } else {
                pin = check.text(PIN, 10);
            }
        }

        String locale = check.text(LOCALE, 10);
        if (locale != null) {
            locale = locale.toLowerCase(Locale.ROOT);
        }
        Boolean emailOptIn = check.yesNo(EMAIL_OPT_IN);
        Boolean whatsappOptIn = check.yesNo(WHATSAPP_OPT_IN);
        if (Boolean.TRUE.equals(whatsappOptIn) && phone == null && check.ok()) {
            check.problem(WHATSAPP_OPT_IN, "WhatsApp opt-in needs a phone number in the row.");
        }

        CustomerRecord customer = new CustomerRecord(record.row(), shopifyId,
                check.text(FIRST_NAME, 255), check.text(LAST_NAME, 255), email, phone,
                check.text(COMPANY, 255), gstin, check.text(ADDRESS1, 255), check.text(ADDRESS2, 255),
                check.text(CITY, 120), stateCode, pin, countryCode, tags(check.text(TAGS)),
                Boolean.TRUE.equals(emailOptIn), Boolean.TRUE.equals(whatsappOptIn), locale);
        return check.ok()
                ? new RowResult.Accepted<>(record.row(), customer)
                : new RowResult.Rejected<>(record.row(), check.problems());
    }

    /** Shopify writes IDs with a leading apostrophe so that Excel keeps all the digits. */
    static String shopifyIdText(String value) {
        String id = value.strip();
        return id.startsWith("'") ? id.substring(1).strip() : id;
    }

    /** "vip, wholesale, \"quoted\"" → [vip, wholesale, "quoted"]; blanks and repeats dropped. */
    static List<String> tags(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : value.split(",")) {
            String t = tag.strip();
            if (!t.isEmpty()) {
                tags.add(t.length() > 255 ? t.substring(0, 255) : t);
            }
        }
        return List.copyOf(tags);
    }

}
