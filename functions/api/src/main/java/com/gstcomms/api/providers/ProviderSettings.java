package com.gstcomms.api.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * {@code PUT/GET /v1/settings/providers}. Each block is optional on PUT (absent: unchanged). Secrets
 * ({@code apiKey}, {@code password}, {@code authToken}) are write-only: GET answers only a masked hint
 * ({@code ****abcd}; nothing of a password); a PUT without the secret keeps the stored one. Settings keys are the ones the
 * email and WhatsApp functions read.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderSettings(SendGrid sendgrid, Smtp smtp, Twilio twilio) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * {@code eventWebhookKey}: the shop's own SendGrid account's Signed Event Webhook verification key (base64,
     * as SendGrid shows it; public, so read back as is), so its delivery events are accepted. Left out of a PUT
     * it stays; an empty string removes it.
     */
    public record SendGrid(String apiKey, String fromEmail, String fromName, String replyTo, String apiKeyHint,
                           String status, OffsetDateTime lastCheckedAt, String lastError, String eventWebhookKey) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Smtp(String host, Integer port, String username, String password, String security, String fromEmail,
                       String fromName, String passwordHint, String status, OffsetDateTime lastCheckedAt, String lastError) {
    }

    /** {@code sender} is the WhatsApp sender number (E.164, with or without {@code whatsapp:}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Twilio(String accountSid, String authToken, String sender, Integer messagesPerSecond,
                         String authTokenHint, String status, OffsetDateTime lastCheckedAt, String lastError) {
    }
}
