package com.gstcomms.api.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.webhooks.SendGridEvents;
import com.gstcomms.api.webhooks.WebhookSignatures;
import com.gstcomms.core.net.PublicAddress;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.outbound.SmtpSession;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * A merchant's change of the provider settings ({@code PUT /v1/settings/providers}): each block given
 * (SendGrid, SMTP, Twilio) is checked — lengths, addresses, line breaks, the SMTP server's public address,
 * the Twilio sender asked of Twilio — then merged with what is stored (a secret or webhook key left out
 * stays) and saved with its secret sealed ({@link ProviderCredentials}), marked not checked yet, with an
 * audit row.
 */
@ApplicationScoped
public class ProviderSettingsChange {

    static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    private final ProviderCredentials credentials;
    private final AuditTrail audit;
    private final ProviderProbes probes;
    private final ProvidersConfig.Twilio platformTwilio;

    public ProviderSettingsChange(ProviderCredentials credentials, AuditTrail audit, ProviderProbes probes,
                                  ProvidersConfig.Twilio platformTwilio) {
        this.credentials = credentials;
        this.audit = audit;
        this.probes = probes;
        this.platformTwilio = platformTwilio;
    }

    /**
     * Checks the blocks given and saves them for this shop, the secrets sealed; every invalid field is
     * reported (a 400 problem) and nothing is saved then.
     */
    public void save(Caller who, ProviderSettings body) {
        if (body == null || (body.sendgrid() == null && body.smtp() == null && body.twilio() == null)) {
            throw Problem.badRequest("Send at least one of sendgrid, smtp, twilio");
        }
        FieldErrors errors = new FieldErrors();
        lengths(body, errors);
        List<Save> saves = new ArrayList<>();
        boolean twilioUnreachable = false;
        if (body.sendgrid() != null) {
            saves.add(sendGrid(body.sendgrid(), errors));
        }
        if (body.smtp() != null) {
            saves.add(smtp(body.smtp(), errors));
        }
        if (body.twilio() != null) {
            twilioUnreachable = !twilio(body.twilio(), who.shopId(), errors, saves);
        }
        errors.throwIfAny();
        if (twilioUnreachable) {
            throw Problem.unavailable("Twilio could not be reached to check that the sender is a number of the account; "
                    + "nothing was saved, try again");
        }
        inTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Save save : saves) {
                chain = chain.chain(() -> ShopCredential.findFor(who.shopId(), save.provider()).chain(existing -> {
                    if (existing == null && save.secret() == null) {
                        throw Problem.invalid(secretField(save.provider()), secretField(save.provider())
                                + " is required the first time " + save.provider() + " is set up");
                    }
                    return credentials.save(who.shopId(), save.provider(), Json.write(kept(save.settings(), existing)),
                            save.secret());
                })).call(row -> {
                    row.status = "UNKNOWN";   // changed settings: not checked yet
                    row.lastError = null;
                    return audit.record(who, "settings.providers.update", "provider", save.provider().name(),
                            Map.of("secretChanged", save.secret() != null));
                }).replaceWithVoid();
            }
            return chain;
        });
    }

    /** The SendGrid block: the key's shape, the sender addresses, the Event Webhook key (left out: kept). */
    private Save sendGrid(ProviderSettings.SendGrid sg, FieldErrors errors) {
        if (sg.apiKey() != null && !sg.apiKey().strip().startsWith("SG.")) {
            errors.add("sendgrid.apiKey", "a SendGrid API key starts with 'SG.'");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        put(s, "fromEmail", sg.fromEmail() == null ? null : errors.check("sendgrid.fromEmail", Email.validate(sg.fromEmail())));
        put(s, "fromName", errors.maxLength("sendgrid.fromName", sg.fromName(), 100));
        put(s, "replyTo", sg.replyTo() == null ? null : errors.check("sendgrid.replyTo", Email.validate(sg.replyTo())));
        if (sg.eventWebhookKey() != null && !sg.eventWebhookKey().isBlank()) {
            try {
                WebhookSignatures.sendGridKey(sg.eventWebhookKey());
                s.put(SendGridEvents.EVENT_WEBHOOK_KEY, sg.eventWebhookKey().strip());
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                errors.add("sendgrid.eventWebhookKey",
                        "the Event Webhook verification key is base64 of an EC P-256 public key, as SendGrid shows it");
            }
        } else if (sg.eventWebhookKey() == null) {
            s.put(KEEP, SendGridEvents.EVENT_WEBHOOK_KEY);
        }
        return new Save(Provider.SENDGRID, s, blankToNull(sg.apiKey()));
    }

    /** The SMTP block: no line breaks anywhere in the dialogue, a public address and an SMTP port. */
    private Save smtp(ProviderSettings.Smtp smtp, FieldErrors errors) {
        Map<String, Object> s = new LinkedHashMap<>();
        String host = errors.required("smtp.host", smtp.host());
        put(s, "host", host == null ? null : host.strip());
        int port = smtp.port() == null ? 587 : smtp.port();
        boolean portInRange = port >= 1 && port <= 65535;
        if (!portInRange) {
            errors.add("smtp.port", "port must be between 1 and 65535");
        }
        // Every field that reaches the SMTP dialogue or a mail header: a CR/LF would end the line and
        // start a command or header of the sender's choosing (issue 15 §4).
        Map<String, String> dialogue = new LinkedHashMap<>();
        dialogue.put("smtp.host", smtp.host());
        dialogue.put("smtp.username", smtp.username());
        dialogue.put("smtp.password", smtp.password());
        dialogue.put("smtp.security", smtp.security());
        dialogue.put("smtp.fromEmail", smtp.fromEmail());
        dialogue.put("smtp.fromName", smtp.fromName());
        boolean lineBreaks = false;
        for (var field : dialogue.entrySet()) {
            if (!SmtpSession.isSafe(field.getValue())) {
                errors.add(field.getKey(), "must not contain line breaks");
                lineBreaks = true;
            }
        }
        if (host != null && portInRange && !lineBreaks) {
            // Public addresses and SMTP ports only; the email function checks again when it connects.
            try {
                probes.checkSmtpServer(host, port);
            } catch (PublicAddress.Refused refused) {
                errors.add("smtp." + refused.field(), refused.getMessage());
            }
        }
        s.put("port", port);
        put(s, "username", blankToNull(smtp.username()));
        String security = smtp.security() == null ? "STARTTLS" : smtp.security().strip().toUpperCase(Locale.ROOT);
        if (!List.of("STARTTLS", "TLS", "NONE").contains(security)) {
            errors.add("smtp.security", "security must be STARTTLS, TLS or NONE");
        }
        s.put("security", security);
        put(s, "fromEmail", smtp.fromEmail() == null || !SmtpSession.isSafe(smtp.fromEmail()) ? null
                : errors.check("smtp.fromEmail", Email.validate(smtp.fromEmail())));
        put(s, "fromName", errors.maxLength("smtp.fromName", smtp.fromName(), 100));
        return new Save(Provider.SMTP, s, blankToNull(smtp.password()));
    }

    /** The Twilio block, with the sender asked of Twilio; false when Twilio could not be asked. */
    private boolean twilio(ProviderSettings.Twilio tw, long shopId, FieldErrors errors, List<Save> saves) {
        boolean reachable = true;
        Map<String, Object> s = new LinkedHashMap<>();
        String sid = errors.required("twilio.accountSid", tw.accountSid());
        if (sid != null && !ACCOUNT_SID.matcher(sid).matches()) {
            errors.add("twilio.accountSid", "an Account SID is AC followed by 32 hexadecimal characters");
        }
        put(s, "accountSid", sid);
        String sender = errors.required("twilio.sender", tw.sender());
        String e164 = null;
        if (sender != null) {
            String number = sender.startsWith("whatsapp:") ? sender.substring("whatsapp:".length()) : sender;
            e164 = errors.check("twilio.sender", Phone.toE164(number));
            put(s, "sender", e164 == null ? null : "whatsapp:" + e164);
        }
        if (sid != null && ACCOUNT_SID.matcher(sid).matches() && e164 != null) {
            reachable = senderOfTheShopsAccount(errors, shopId, sid, blankToNull(tw.authToken()), e164);
        }
        if (tw.messagesPerSecond() != null) {
            if (tw.messagesPerSecond() < 1 || tw.messagesPerSecond() > 1000) {
                errors.add("twilio.messagesPerSecond", "messagesPerSecond must be between 1 and 1000");
            }
            s.put("messagesPerSecond", tw.messagesPerSecond());
        }
        saves.add(new Save(Provider.TWILIO, s, blankToNull(tw.authToken())));
        return reachable;
    }

    private record Save(Provider provider, Map<String, Object> settings, String secret) {
    }

    /** A settings key whose stored value stays when the PUT leaves it out (the SendGrid event webhook key). */
    private static final String KEEP = "_keep";

    private static Map<String, Object> kept(Map<String, Object> settings, ShopCredential existing) {
        Object keep = settings.remove(KEEP);
        if (keep instanceof String key && existing != null) {
            JsonNode stored = Json.tree(existing.settings).path(key);
            if (stored.isTextual()) {
                settings.put(key, stored.asText());
            }
        }
        return settings;
    }

    /**
     * Issue 15 §5: a shop sends only through senders of its own Twilio account (or, without one, the
     * platform's sender): the platform's account is refused, and Twilio is asked whether the number is one
     * of the account's (which also proves the auth token: the given one, else the stored one). Adds the
     * field errors; false when Twilio could not be asked.
     */
    private boolean senderOfTheShopsAccount(FieldErrors errors, long shopId, String accountSid, String authToken,
                                            String e164) {
        if (platformTwilio.accountSid().filter(accountSid::equalsIgnoreCase).isPresent()) {
            errors.add("twilio.accountSid", "this is the platform's Twilio account; a shop without an account of its "
                    + "own leaves the Twilio settings empty and sends through the platform's sender");
            return true;
        }
        String token = authToken;
        if (token == null) {
            token = inSession(() -> credentials.open(shopId, Provider.TWILIO)).map(ProviderCredentials.Opened::secret)
                    .orElse(null);
        }
        if (token == null) {
            return true;   // the first save without a token is refused below (twilio.authToken is required)
        }
        switch (probes.twilioSenderOwned(accountSid, token, e164)) {
            case NOT_OWNED -> errors.add("twilio.sender", "this number is not a phone number of the Twilio account "
                    + accountSid);
            case CREDENTIALS_REFUSED -> errors.add("twilio.authToken", "Twilio refused this Account SID and auth token");
            case UNREACHABLE -> {
                return false;
            }
            case OWNED -> {
            }
        }
        return true;
    }

    static String secretField(Provider provider) {
        return switch (provider) {
            case SENDGRID -> "sendgrid.apiKey";
            case SMTP -> "smtp.password";
            case TWILIO -> "twilio.authToken";
        };
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Issue 15 §2: every text a length (a host name is at most 253 characters, RFC 1035; secrets 1000). */
    private static void lengths(ProviderSettings body, FieldErrors errors) {
        if (body.sendgrid() != null) {
            errors.maxLength("sendgrid.apiKey", body.sendgrid().apiKey(), 1000);
        }
        if (body.smtp() != null) {
            errors.maxLength("smtp.host", body.smtp().host(), 253);
            errors.maxLength("smtp.username", body.smtp().username(), 255);
            errors.maxLength("smtp.password", body.smtp().password(), 1000);
            errors.maxLength("smtp.security", body.smtp().security(), 20);
        }
        if (body.twilio() != null) {
            errors.maxLength("twilio.authToken", body.twilio().authToken(), 1000);
            errors.maxLength("twilio.sender", body.twilio().sender(), 40);
        }
    }
}
