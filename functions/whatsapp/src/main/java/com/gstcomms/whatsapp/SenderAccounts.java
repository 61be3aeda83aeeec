package com.gstcomms.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.Validated;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Twilio account and WhatsApp sender a shop's messages use: the shop's own Twilio settings
 * ({@code {"accountSid":"AC…","sender":"+91…","messagesPerSecond":80}}, auth token sealed) when it saved
 * them, else the platform's ({@code gstcomms.twilio.account-sid/auth-token/sender}). The API checks with
 * Twilio, when the settings are saved, that the sender is a number of the shop's account; the throughput
 * cap is per account and sender ({@link SenderTokenBucket}).
 *
 * <p>Opened settings are kept in memory for {@code gstcomms.whatsapp.credential-cache-ttl}, so a burst
 * does not open (with KMS: decrypt) the same secret per message; an authentication error forgets them.
 */
@ApplicationScoped
public class SenderAccounts {

    private final ProviderCredentials credentials;
    private final TwilioConfig twilio;
    private final WhatsAppConfig config;
    private final ObjectMapper json;
    private final PlatformSecrets secrets;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    public SenderAccounts(ProviderCredentials credentials, TwilioConfig twilio, WhatsAppConfig config,
                          ObjectMapper json, PlatformSecrets secrets) {
        this.secrets = secrets;
        this.credentials = credentials;
        this.twilio = twilio;
        this.config = config;
        this.json = json;
    }

    private record Cached(SenderAccount account, Instant until) {
    }

    /** The shop's account; fails with {@link Undeliverable} when neither the shop nor the platform has one. */
    public Uni<SenderAccount> forShop(long shopId) {
        Cached cached = cache.get(shopId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.account());
        }
        return credentials.open(shopId, Provider.TWILIO).map(opened -> {
            SenderAccount account = opened.isPresent() ? shopAccount(shopId, opened.get()) : platformAccount();
            cache.put(shopId, new Cached(account, Instant.now().plus(config.credentialCacheTtl())));
            return account;
        });
    }

    /** Forget what was opened for the shop (its token was refused: the merchant will save a new one). */
    public void forget(long shopId) {
        cache.remove(shopId);
    }

    private SenderAccount shopAccount(long shopId, ProviderCredentials.Opened opened) {
        JsonNode settings;
        try {
            settings = json.readTree(opened.settingsJson() == null ? "{}" : opened.settingsJson());
        } catch (IOException e) {
            throw new Undeliverable("TWILIO_SETTINGS", "The shop's Twilio settings are not valid JSON");
        }
        String accountSid = text(settings, "accountSid");
        String sender = text(settings, "sender");
        if (accountSid == null || sender == null || opened.secret() == null || opened.secret().isBlank()) {
            throw new Undeliverable("TWILIO_SETTINGS", "The shop's Twilio settings need accountSid, sender and "
                    + "the auth token; missing: " + String.join(", ", missing(accountSid, sender, opened.secret())));
        }
        // Issue 15 §5: a shop uses its own Twilio account, or (without one) the platform sender assigned to
        // it; settings naming the platform's account (saved before the API checked them) are refused here.
        if (twilio.accountSid().filter(accountSid::equalsIgnoreCase).isPresent()) {
            throw new Undeliverable("TWILIO_SETTINGS", "The shop's Twilio settings name the platform's account; "
                    + "a shop sends through its own Twilio account or, without one, the platform's sender");
        }
        int perSecond = settings.path("messagesPerSecond").asInt(config.messagesPerSecond());
        if (perSecond < 1) {
            throw new Undeliverable("TWILIO_SETTINGS", "The shop's Twilio setting messagesPerSecond must be at "
                    + "least 1, not " + settings.path("messagesPerSecond").asText());
        }
        return new SenderAccount(accountSid, opened.secret(), whatsappAddress(sender, "the shop's Twilio sender"),
                perSecond, true);
    }

    private SenderAccount platformAccount() {
        // The token is read at run time (Secrets Manager in AWS); the account SID and sender are not secret.
        var authToken = secrets.value(PlatformSecret.TWILIO_AUTH_TOKEN);
        if (twilio.accountSid().isEmpty() || authToken.isEmpty() || twilio.sender().isEmpty()) {
            throw new Undeliverable("TWILIO_NOT_CONFIGURED", "WhatsApp is not set up: the shop has no Twilio "
                    + "settings and the platform has no gstcomms.twilio.account-sid/auth-token/sender");
        }
        return new SenderAccount(twilio.accountSid().get(), authToken.get(),
                whatsappAddress(twilio.sender().get(), "gstcomms.twilio.sender"), config.messagesPerSecond(), false);
    }

    /** {@code whatsapp:+E164} for a number written with or without the prefix, in any usual spelling. */
    static String whatsappAddress(String number, String where) {
        String raw = number.strip();
        if (raw.regionMatches(true, 0, "whatsapp:", 0, 9)) {
            raw = raw.substring(9);
        }
        Validated<String> e164 = Phone.toE164(raw);
        return "whatsapp:" + e164.validValue().orElseThrow(() -> new Undeliverable("TWILIO_SETTINGS",
                where + ": " + e164.rejection().orElse("not a phone number")));
    }

    private static String text(JsonNode settings, String field) {
        JsonNode node = settings.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText().strip();
    }

    private static java.util.List<String> missing(String accountSid, String sender, String token) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (accountSid == null) {
            names.add("accountSid");
        }
        if (sender == null) {
            names.add("sender");
        }
        if (token == null || token.isBlank()) {
            names.add("auth token");
        }
        return names;
    }
}
