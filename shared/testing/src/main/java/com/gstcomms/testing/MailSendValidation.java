package com.gstcomms.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request checks of SendGrid's v3 Mail Send, with the messages and {@code field} paths of its
 * documented errors (SendGrid docs, "Mail Send errors"). Not checked: that a template_id, ASM group
 * or IP pool exists on the account, sections/substitutions limits, and the tracking/mail settings.
 */
final class MailSendValidation {

    private static final String HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#";
    private static final int MAX_PERSONALIZATIONS = 1000;
    private static final int MAX_RECIPIENTS = 1000;
    private static final int MAX_CATEGORIES = 10;
    /** "Reserves terms for header keys labels" — SendGrid docs, Headers errors. Compared case-insensitively. */
    private static final Set<String> RESERVED_HEADERS = Set.of("x-sg-id", "x-sg-eid", "received",
            "dkim-signature", "content-type", "content-transfer-encoding", "to", "from", "subject", "reply-to",
            "cc", "bcc");
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s<>(),;:\"\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]*={0,2}[\\r\\n]*");
    private static final String ADDRESS_EXAMPLE =
            "e.g. {\"email\" : \"example@example.com\"}  or {\"email\" : \"example@example.com\", \"name\" : \"Example Recipient\"}.";

    record Error(String message, String field, String help) {
        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("message", message);
            json.put("field", field);
            json.put("help", help);
            return json;
        }
    }

    private final List<Error> errors = new ArrayList<>();

    private MailSendValidation() {
    }

    static List<Error> check(JsonNode mail) {
        MailSendValidation validation = new MailSendValidation();
        validation.checkMail(mail);
        return validation.errors;
    }

    private void add(String field, String message, String anchor) {
        errors.add(new Error(message, field, HELP + anchor));
    }

    private void checkMail(JsonNode mail) {
        boolean hasTemplate = mail.hasNonNull("template_id");
        if (hasTemplate && (!mail.get("template_id").isTextual() || mail.get("template_id").asText().isEmpty())) {
            add("template_id", "The template_id must be a string, you provided " + mail.get("template_id") + ".",
                    "message.template_id");
        }
        boolean everyPersonalizationHasSubject = checkPersonalizations(mail.get("personalizations"), mail);
        checkFrom(mail.get("from"));
        if (mail.hasNonNull("reply_to")) {
            checkAddress(mail.get("reply_to"), "reply_to",
                    "The reply_to object, when used, must at least have an email parameter with a valid email "
                            + "address and it may also contain a name parameter. " + ADDRESS_EXAMPLE,
                    "message.reply_to");
        }
        checkSubject(mail, hasTemplate, everyPersonalizationHasSubject);
        checkContent(mail.get("content"), hasTemplate);
        checkAttachments(mail.get("attachments"));
        checkCategories(mail.get("categories"));
        checkStringMap(mail.get("custom_args"), "custom_args",
                "All values of custom arguments object must be strings", "message.custom_args");
        checkHeaders(mail.get("headers"), "headers");
        checkSendAt(mail.get("send_at"), "send_at");
    }

    /** Returns whether every personalization has its own subject. */
    private boolean checkPersonalizations(JsonNode personalizations, JsonNode mail) {
        if (personalizations == null || !personalizations.isArray() || personalizations.isEmpty()) {
            add("personalizations",
                    "The personalizations field is required and must have at least one personalization.",
                    "-Personalizations-Errors");
            return false;
        }
        if (personalizations.size() > MAX_PERSONALIZATIONS) {
            add("personalizations", "The personalization block is limited to 1000 personalizations per API "
                    + "request. You have provided " + personalizations.size() + " personalizations. Please "
                    + "consider splitting this into multiple requests and resending your request.",
                    "message.personalizations");
        }
        boolean allHaveSubject = true;
        int recipients = 0;
        for (int i = 0; i < personalizations.size(); i++) {
            JsonNode p = personalizations.get(i);
            String at = "personalizations." + i;
            if (!p.isObject()) {
                add(at, "Each personalization must be an object.", "message.personalizations");
                allHaveSubject = false;
                continue;
            }
            JsonNode to = p.get("to");
            if (to == null || !to.isArray() || to.isEmpty()) {
                add(at + ".to", "The to array is required for all personalization objects, and must have at "
                        + "least one email object with a valid email address.", "message.personalizations.to");
            }
            Set<String> seen = new HashSet<>();
            for (String kind : List.of("to", "cc", "bcc")) {
                JsonNode list = p.get(kind);
                if (list == null || list.isNull()) {
                    continue;
                }
                if (!list.isArray()) {
                    add(at + "." + kind, "The " + kind + " parameter must be an array of email objects.",
                            "message.personalizations." + kind);
                    continue;
                }
                for (int j = 0; j < list.size(); j++) {
                    recipients++;
                    JsonNode address = list.get(j);
                    String email = address.path("email").asText(null);
                    if (!address.path("email").isTextual() || !isEmail(email)) {
                        add(at + "." + kind + "." + j + ".email", "Does not contain a valid address.",
                                "message.personalizations." + kind);
                    } else if (!seen.add(email.toLowerCase(Locale.ROOT))) {
                        add(at, "Each email address in the personalization block should be unique between to, "
                                + "cc, and bcc. We found the first duplicate instance of [" + email + "] in the "
                                + at + "." + kind + " field.", "message.personalizations");
                    }
                }
            }
            if (p.has("subject")) {
                JsonNode subject = p.get("subject");
                if (!subject.isTextual() || subject.asText().isEmpty()) {
                    add(at + ".subject", "The subject of your email must be a string at least one character in "
                            + "length.", "message.personalizations.subject");
                }
            } else {
                allHaveSubject = false;
            }
            checkStringMap(p.get("custom_args"), at + ".custom_args",
                    "All values of custom arguments object must be strings", "message.personalizations.custom_args");
            checkStringMap(p.get("substitutions"), at + ".substitutions",
                    "The substitution values must be an object of key/value pairs, where the values are all strings.",
                    "message.personalizations.substitutions");
            checkHeaders(p.get("headers"), at + ".headers");
            checkSendAt(p.get("send_at"), at + ".send_at");
            if (p.hasNonNull("dynamic_template_data") && !p.get("dynamic_template_data").isObject()) {
                add(at + ".dynamic_template_data", "The dynamic_template_data must be an object.",
                        "message.personalizations.dynamic_template_data");
            }
        }
        if (recipients > MAX_RECIPIENTS) {
            add("personalizations", "There is a limit of 1000 total recipients (to + cc + bcc) per request.",
                    "message.personalizations");
        }
        return allHaveSubject;
    }

    private void checkFrom(JsonNode from) {
        if (from == null || from.isNull() || !from.isObject() || !from.hasNonNull("email")) {
            add("from.email", "The from object must be provided for every email send. It is an object that "
                    + "requires the email parameter, but may also contain a name parameter.  " + ADDRESS_EXAMPLE,
                    "message.from");
            return;
        }
        checkAddress(from, "from", "The from object must at least have an email parameter with a valid email "
                + "address and may also contain a name parameter. " + ADDRESS_EXAMPLE, "message.from");
    }

    private void checkAddress(JsonNode address, String field, String message, String anchor) {
        if (!address.isObject() || !address.path("email").isTextual() || !isEmail(address.path("email").asText())) {
            add(field + ".email", message, anchor);
        }
        if (address.has("name") && !address.get("name").isTextual()) {
            add(field + ".name", "The name of your " + field + " must be a string.", anchor);
        }
    }

    private void checkSubject(JsonNode mail, boolean hasTemplate, boolean everyPersonalizationHasSubject) {
        JsonNode subject = mail.get("subject");
        if (subject != null && !subject.isNull()) {
            if (!subject.isTextual() || subject.asText().isEmpty()) {
                add("subject", "The subject of your email must be a string at least one character in length.",
                        "message.subject");
            }
            return;
        }
        if (!hasTemplate && !everyPersonalizationHasSubject) {
            add("subject", "The subject is required. You can get around this requirement if you use a template "
                    + "with a subject defined or if every personalization has a subject defined.", "message.subject");
        }
    }

    private void checkContent(JsonNode content, boolean hasTemplate) {
        if (content == null || content.isNull() || (content.isArray() && content.isEmpty())) {
            if (!hasTemplate) {
                add("content", "Unless a valid template_id is provided, the content parameter is required. There "
                        + "must be at least one defined content block. We typically suggest both text/plain and "
                        + "text/html blocks are included, but only one block is required.", "message.content");
            }
            return;
        }
        if (!content.isArray()) {
            add("content", "The content parameter must be an array of content objects.", "message.content");
            return;
        }
        int plainAt = -1;
        int htmlAt = -1;
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String type = block.path("type").isTextual() ? block.path("type").asText() : "";
            if (type.isEmpty()) {
                add("content." + i + ".type", "A content type is required, this tells email clients how to "
                        + "display the email.", "message.content.type");
            } else if (type.contains(";") || type.contains("\r") || type.contains("\n")) {
                add("content." + i + ".type", "Cannot contain ';', or CRLF characters.", "message.content.type");
            }
            if (!block.path("value").isTextual() || block.path("value").asText().isEmpty()) {
                add("content." + i + ".value", "The content value must be a string at least one character in "
                        + "length.", "message.content.value");
            }
            if ("text/plain".equalsIgnoreCase(type) && plainAt < 0) {
                plainAt = i;
            } else if ("text/html".equalsIgnoreCase(type) && htmlAt < 0) {
                htmlAt = i;
            }
        }
        // RFC 1341 7.2 order: text/plain, then text/html, then anything else.
        boolean plainNotFirst = plainAt > 0;
        boolean htmlMisplaced = htmlAt >= 0 && htmlAt != (plainAt >= 0 ? 1 : 0);
        if (plainNotFirst || htmlMisplaced) {
            add("content", "Following RFC 1341, section 7.2, if either text/html or text/plain are to be sent in "
                    + "your email: text/plain needs to be first, followed by text/html, followed by any other "
                    + "content.", "message.content.value");
        }
    }

    private void checkAttachments(JsonNode attachments) {
        if (attachments == null || attachments.isNull()) {
            return;
        }
        if (!attachments.isArray()) {
            add("attachments", "The attachments parameter must be an array of attachment objects.",
                    "message.attachments");
            return;
        }
        for (int i = 0; i < attachments.size(); i++) {
            JsonNode a = attachments.get(i);
            String at = "attachments." + i;
            JsonNode content = a.get("content");
            if (content == null || !content.isTextual() || content.asText().isEmpty()) {
                add(at + ".content", "The attachment content must be a string at least one character in length.",
                        "message.attachments.content");
            } else if (!isBase64(content.asText())) {
                add(at + ".content", "The attachment content must be base64 encoded.", "message.attachments.content");
            }
            JsonNode filename = a.get("filename");
            if (filename == null || filename.isNull()) {
                add(at + ".filename", "filename is required.", "message.attachments.filename");
            } else if (!filename.isTextual() || filename.asText().isEmpty()) {
                add(at + ".filename", "The filename of your attachment must be a string.",
                        "message.attachments.filename");
            } else if (hasCrlfOrSeparator(filename.asText())) {
                add(at + ".filename", "The filename of your attachment can't contain CRLF characters.",
                        "message.attachments.filename");
            }
            JsonNode type = a.get("type");
            if (type != null && !type.isNull() && (!type.isTextual() || type.asText().isEmpty())) {
                add(at + ".type", "The attachment type must be a string and at least one character in length.",
                        "message.attachments.type");
            } else if (type != null && type.isTextual() && hasCrlfOrSeparator(type.asText())) {
                add(at + ".type", "The type can't contain ';', or CRLF characters.", "message.attachments.type");
            }
            JsonNode disposition = a.get("disposition");
            if (disposition != null && !disposition.isNull()
                    && !List.of("inline", "attachment").contains(disposition.asText())) {
                add(at + ".disposition", "The disposition of your attachment can be either \"inline\" or "
                        + "\"attachment\". You provided " + disposition.asText() + ".", "message.attachments.disposition");
            }
            JsonNode contentId = a.get("content_id");
            if (contentId != null && !contentId.isNull() && !contentId.isTextual()) {
                add(at + ".content_id", "The content ID of your attachment must be a string. You provided "
                        + contentId + ".", "message.attachments.content_id");
            }
        }
    }

    private void checkCategories(JsonNode categories) {
        if (categories == null || categories.isNull()) {
            return;
        }
        if (!categories.isArray()) {
            add("categories", "Categories must be an array of strings.", "message.categories");
            return;
        }
        if (categories.size() > MAX_CATEGORIES) {
            add("categories", "There is a limit of 10 categories for each email that is sent. You provided "
                    + categories.size() + " categories.", "message.categories");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode category : categories) {
            if (!category.isTextual()) {
                add("categories", "Categories must be an array of strings.", "message.categories");
                return;
            }
            String name = category.asText();
            if (name.length() > 255) {
                add("categories", "Each category must not be longer than 255 characters. " + name
                        + " exceeds this limit.", "message.categories");
            }
            if (!seen.add(name)) {
                add("categories", "The categories must be a unique list, and you have included " + name
                        + " more than once.", "message.categories");
            }
            if (!name.chars().allMatch(c -> c < 128)) {
                add("categories", "Categories can not contain non-ASCII characters.", "message.categories");
            }
        }
    }

    private void checkStringMap(JsonNode map, String field, String message, String anchor) {
        if (map == null || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            add(field, message, anchor);
            return;
        }
        for (var entry : map.properties()) {
            if (!entry.getValue().isTextual()) {
                add(field, message, anchor);
                return;
            }
        }
    }

    private void checkHeaders(JsonNode headers, String field) {
        if (headers == null || headers.isNull()) {
            return;
        }
        if (!headers.isObject()) {
            add(field, "The header values must be strings.", "message.headers");
            return;
        }
        for (var entry : headers.properties()) {
            String name = entry.getKey();
            if (!entry.getValue().isTextual()) {
                add(field, "The header values must be strings.", "message.headers");
            }
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127)) {
                add(field, "Header keys can't contain non-ASCII characters and empty spaces.", "message.headers");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                add(field, "Header can not be one of the reserved keys. You provided " + name + ".",
                        "message.headers");
            }
        }
    }

    private void checkSendAt(JsonNode sendAt, String field) {
        if (sendAt == null || sendAt.isNull()) {
            return;
        }
        if (!sendAt.canConvertToLong() || !sendAt.isIntegralNumber()) {
            add(field, "The send_at parameter is expecting a UNIX timestamp as an integer. We will send "
                    + "immediately if you include a send_at timestamp that is in the past.", "message.send_at");
        } else if (sendAt.asLong() > Instant.now().plusSeconds(72 * 3600).getEpochSecond()) {
            add(field, "Scheduling more than 72 hours in advance is forbidden.", "message.send_at");
        }
    }

    static boolean isEmail(String value) {
        return value != null && value.length() <= 320 && EMAIL.matcher(value).matches();
    }

    private static boolean isBase64(String value) {
        if (!BASE64.matcher(value).matches()) {
            return false;
        }
        try {
            Base64.getMimeDecoder().decode(value);
            String compact = value.replace("\r", "").replace("\n", "");
            return compact.length() % 4 == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasCrlfOrSeparator(String value) {
        return value.contains("\r") || value.contains("\n") || value.contains(";");
    }
}
