package com.gstcomms.providers.twilio;

import java.net.URI;

/**
 * One WhatsApp message as Twilio's Messages API takes it: {@code To}/{@code From} as
 * {@code whatsapp:+E164}, and either free-form {@code Body} (+ {@code MediaUrl}), allowed only inside the
 * customer service window, or an approved Content template ({@code ContentSid} + {@code ContentVariables}).
 */
public record OutgoingMessage(
        String to,
        String from,
        String body,
        URI mediaUrl,
        String contentSid,
        String contentVariables,
        String statusCallback) {

    public static OutgoingMessage freeForm(String to, String from, String body, URI mediaUrl, String statusCallback) {
        return new OutgoingMessage(to, from, body, mediaUrl, null, null, statusCallback);
    }

    public static OutgoingMessage template(String to, String from, String contentSid, String contentVariables,
                                           String statusCallback) {
        return new OutgoingMessage(to, from, null, null, contentSid, contentVariables, statusCallback);
    }

    public boolean isTemplate() {
        return contentSid != null;
    }
}
