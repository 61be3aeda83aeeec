package com.gstcomms.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.testing.SendGridStandIn;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An email the local cloud caught, whichever way it went: through the SMTP fallback (GreenMail) or
 * SendGrid (the stand-in's record of the Mail Send request). One shape for the console: who, what,
 * the HTML as the customer would see it, and the attachments as sent.
 */
public record CapturedMail(String id, String via, String from, List<String> to, String subject, Instant receivedAt,
                           String html, String text, List<Attachment> attachments) {

    public record Attachment(String filename, String contentType, byte[] content) {
    }

    static CapturedMail fromSmtp(int index, MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            if (message.getAllRecipients() != null) {
                for (var address : message.getAllRecipients()) {
                    to.add(address.toString());
                }
            }
            Parts parts = new Parts();
            parts.walk(message);
            String from = message.getFrom() == null || message.getFrom().length == 0 ? null
                    : message.getFrom()[0].toString();
            Instant at = message.getSentDate() == null ? Instant.now() : message.getSentDate().toInstant();
            return new CapturedMail("smtp-" + index, "SMTP", from, to, message.getSubject(), at, parts.html,
                    parts.text, parts.attachments);
        } catch (Exception e) {
            return new CapturedMail("smtp-" + index, "SMTP", null, List.of(), "(unreadable: " + e.getMessage() + ")",
                    Instant.now(), null, null, List.of());
        }
    }

    static CapturedMail fromSendGrid(SendGridStandIn.SentMail mail) {
        JsonNode json = mail.json();
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : json.path("attachments")) {
            attachments.add(new Attachment(attachment.path("filename").asText("attachment"),
                    attachment.path("type").asText("application/octet-stream"),
                    Base64.getMimeDecoder().decode(attachment.path("content").asText(""))));
        }
        return new CapturedMail("sendgrid-" + mail.messageId(), "SendGrid", mail.fromEmail(), mail.toEmails(),
                mail.subject(), mail.receivedAt(), mail.content("text/html"), mail.content("text/plain"), attachments);
    }

    /** The HTML as the customer would see it, or the plain text in a {@code <pre>}. */
    public String displayHtml() {
        if (html != null) {
            return html;
        }
        String escaped = text == null ? "(no body)" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<pre style=\"white-space:pre-wrap;font-family:sans-serif\">" + escaped + "</pre>";
    }

    private static final class Parts {
        String html;
        String text;
        final List<Attachment> attachments = new ArrayList<>();

        void walk(Part part) throws Exception {
            String disposition = part.getDisposition();
            String filename = part.getFileName();
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || filename != null;
            if (!attachment && part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (!attachment && part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else {
                try (InputStream in = part.getInputStream()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    in.transferTo(bytes);
                    String type = part.getContentType() == null ? "application/octet-stream"
                            : part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
                    attachments.add(new Attachment(filename == null ? "attachment" : filename, type,
                            bytes.toByteArray()));
                }
            }
        }
    }

}
