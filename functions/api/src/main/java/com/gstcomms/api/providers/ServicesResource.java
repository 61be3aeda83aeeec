package com.gstcomms.api.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.providers.sendgrid.SendGridApiConfig;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.outbound.SmtpSession;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * {@code POST /v1/services/test} sends a real message through the chosen provider with the shop's own
 * settings (or the platform's, where the shop has none); {@code GET /v1/services/status} says per provider
 * whether it is configured and answering. Both record the outcome on the shop's provider row.
 */
@Path("/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {

    static final String TEST_SUBJECT = "GST Comms test message";
    static final String TEST_TEXT = "This is a test message from GST Comms: your provider settings work.";

    private final CurrentCaller caller;
    private final ProviderCredentials credentials;
    private final ProviderProbes probes;
    private final SendGridApiConfig platformSendGrid;
    private final ProvidersConfig.Twilio platformTwilio;
    private final AuditTrail audit;

    public ServicesResource(CurrentCaller caller, ProviderCredentials credentials, ProviderProbes probes,
                            SendGridApiConfig platformSendGrid, ProvidersConfig.Twilio platformTwilio, AuditTrail audit) {
        this.caller = caller;
        this.credentials = credentials;
        this.probes = probes;
        this.platformSendGrid = platformSendGrid;
        this.platformTwilio = platformTwilio;
        this.audit = audit;
    }

    @RegisterForReflection
    public record TestMessage(String provider, String to) {
    }

    @RegisterForReflection
    public record TestResult(String provider, boolean ok, String providerMessageId, String detail, String settingsOf) {
    }

    @POST
    @Path("/test")
    @Allowed(STAFF)
    public TestResult test(TestMessage body) {
        FieldErrors errors = new FieldErrors();
        Provider provider = errors.oneOf("provider", errors.required("provider", body == null ? null : body.provider()), Provider.class);
        String to = errors.required("to", body == null ? null : body.to());
        if (provider == Provider.TWILIO && to != null) {
            to = errors.check("to", Phone.toE164(to.startsWith("whatsapp:") ? to.substring(9) : to));
        } else if (provider != null && to != null) {
            to = errors.check("to", Email.validate(to));
        }
        errors.throwIfAny();
        Caller who = caller.get();
        Optional<ProviderCredentials.Opened> own = inSession(() -> credentials.open(who.shopId(), provider));
        Shop shop = inSession(() -> Shop.<Shop>findById(who.shopId()));
        ProviderProbes.Result result;
        String settingsOf = own.isPresent() ? "shop" : "platform";
        switch (provider) {
            case SENDGRID -> {
                JsonNode s = Json.tree(own.map(ProviderCredentials.Opened::settingsJson).orElse("{}"));
                String key = own.map(ProviderCredentials.Opened::secret).or(platformSendGrid::apiKey)
                        .orElseThrow(() -> Problem.unprocessable("SendGrid is not configured for this shop"));
                String from = s.path("fromEmail").asText(shop.email != null ? shop.email : "noreply@gstcomms.app");
                result = probes.sendGridMail(key, from, s.path("fromName").asText(shop.tradeName), to, TEST_SUBJECT, TEST_TEXT);
            }
            case TWILIO -> {
                ProviderCredentials.Opened opened = own.orElseThrow(() -> Problem.unprocessable(
                        "Twilio is not configured for this shop; PUT /v1/settings/providers first"));
                JsonNode s = Json.tree(opened.settingsJson());
                result = probes.twilioWhatsApp(s.path("accountSid").asText(), opened.secret(), s.path("sender").asText(), to, TEST_TEXT);
            }
            case SMTP -> {
                ProviderCredentials.Opened opened = own.orElseThrow(() -> Problem.unprocessable(
                        "SMTP is not configured for this shop; PUT /v1/settings/providers first"));
                JsonNode s = Json.tree(opened.settingsJson());
                String from = s.path("fromEmail").asText(s.path("username").asText(shop.email));
                result = probes.smtpMail(smtpServer(s, opened.secret()), from, to, TEST_SUBJECT, TEST_TEXT);
            }
            default -> throw new IllegalStateException("unknown provider " + provider);
        }
        record(who, provider, result, true);
        return new TestResult(provider.name(), result.ok(), result.providerMessageId(), result.detail(), settingsOf);
    }

    @RegisterForReflection
    public record ProviderStatus(boolean configured, String settingsOf, Boolean answering, String detail) {
    }

    @GET
    @Path("/status")
    @Allowed(VIEWER)
    public Map<String, ProviderStatus> status() {
        Caller who = caller.get();
        Map<String, ProviderStatus> out = new LinkedHashMap<>();
        for (Provider provider : Provider.values()) {
            Optional<ProviderCredentials.Opened> own = inSession(() -> credentials.open(who.shopId(), provider));
            JsonNode s = Json.tree(own.map(ProviderCredentials.Opened::settingsJson).orElse("{}"));
            ProviderProbes.Result result = switch (provider) {
                case SENDGRID -> own.map(ProviderCredentials.Opened::secret).or(platformSendGrid::apiKey)
                        .map(probes::sendGridAnswering).orElse(null);
                case TWILIO -> own.isPresent() ? probes.twilioAnswering(s.path("accountSid").asText(), own.get().secret())
                        : platformTwilio.accountSid().flatMap(sid -> platformTwilio.authToken()
                        .map(token -> probes.twilioAnswering(sid, token))).orElse(null);
                case SMTP -> own.isPresent() && s.hasNonNull("host")
                        ? probes.smtpAnswering(smtpServer(s, own.get().secret())) : null;
            };
            boolean platform = own.isEmpty() && result != null;
            out.put(provider.name().toLowerCase(java.util.Locale.ROOT), new ProviderStatus(result != null,
                    own.isPresent() ? "shop" : platform ? "platform" : null,
                    result == null ? null : result.ok(), result == null ? "not configured" : result.detail()));
            if (result != null && own.isPresent()) {
                record(who, provider, result, false);
            }
        }
        return out;
    }

    /** The shop's saved SMTP server; SmtpSession checks it again when it connects. */
    private static SmtpSession.Server smtpServer(JsonNode s, String password) {
        return new SmtpSession.Server(s.path("host").asText(), s.path("port").asInt(587), s.path("security").asText("STARTTLS"),
                s.hasNonNull("username") ? s.path("username").asText() : null, password);
    }

    /** Keeps the last check on the shop's row (and an audit row for a test message, which is a send). */
    private void record(Caller who, Provider provider, ProviderProbes.Result result, boolean audited) {
        inTransaction(() -> ShopCredential.findFor(who.shopId(), provider).chain(row -> {
            if (row != null) {
                row.status = result.ok() ? "OK" : "FAILING";
                row.lastCheckedAt = OffsetDateTime.now();
                row.lastError = result.ok() ? null : result.detail();
            }
            return audited ? audit.record(who, "services.test", "provider", provider.name(), Map.of("ok", result.ok()))
                    : io.smallrye.mutiny.Uni.createFrom().voidItem();
        }));
    }
}
