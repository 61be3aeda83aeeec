package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.providers.ProviderSettings;
import com.gstcomms.api.providers.ProviderSettingsResource;
import com.gstcomms.api.providers.ServicesResource;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Settings tab: SendGrid, SMTP and Twilio credentials through
 * {@code PUT /v1/settings/providers}' logic. Secrets are write-only: the forms never carry them back, the
 * page shows only the stored hint ({@code ****abcd}); an empty secret field keeps the stored secret.
 * A live status badge per provider (the probes of {@code GET /v1/services/status}) and a "send test" form.
 */
@Path("/ui/notifications/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPage {

    private final Pages pages;
    private final ProviderSettingsResource providers;
    private final ServicesResource services;

    public SettingsPage(Pages pages, ProviderSettingsResource providers, ServicesResource services) {
        this.pages = pages;
        this.providers = providers;
        this.services = services;
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance page() {
        ProviderSettings stored = providers.get();
        return pages.page("ui/notifications/settings", "Provider settings", "notifications", "settings")
                .data("p", stored).data("securities", java.util.List.of("STARTTLS", "TLS", "NONE"))
                .data("smtpSecurity", stored.smtp() == null || stored.smtp().security() == null ? "STARTTLS"
                        : stored.smtp().security());
    }

    /** The badges: probes that send nothing (the htmx fragment polls it). */
    @GET
    @Path("/status")
    @Allowed(VIEWER)
    public TemplateInstance status() {
        return pages.fragment("ui/notifications/provider-status").data("status", services.status());
    }

    @POST
    @Path("/sendgrid")
    @Allowed(OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance sendGrid(@FormParam("apiKey") String apiKey, @FormParam("fromEmail") String fromEmail,
                                     @FormParam("fromName") String fromName, @FormParam("replyTo") String replyTo) {
        ProviderSettings saved = providers.put(new ProviderSettings(new ProviderSettings.SendGrid(
                FormValues.blankToNull(apiKey), FormValues.blankToNull(fromEmail), FormValues.blankToNull(fromName),
                FormValues.blankToNull(replyTo), null, null, null, null, null), null, null));
        return saved("SendGrid", saved.sendgrid() == null ? null : saved.sendgrid().apiKeyHint());
    }

    @POST
    @Path("/smtp")
    @Allowed(OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance smtp(@FormParam("host") String host, @FormParam("port") String port,
                                 @FormParam("username") String username, @FormParam("password") String password,
                                 @FormParam("security") String security, @FormParam("fromEmail") String fromEmail,
                                 @FormParam("fromName") String fromName) {
        FieldErrors errors = new FieldErrors();
        Integer portNumber = number(errors, "smtp.port", port);
        errors.throwIfAny();
        ProviderSettings saved = providers.put(new ProviderSettings(null, new ProviderSettings.Smtp(
                FormValues.blankToNull(host), portNumber, FormValues.blankToNull(username), FormValues.blankToNull(password),
                FormValues.blankToNull(security), FormValues.blankToNull(fromEmail), FormValues.blankToNull(fromName),
                null, null, null, null), null));
        return saved("SMTP", saved.smtp() == null ? null : saved.smtp().passwordHint());
    }

    @POST
    @Path("/twilio")
    @Allowed(OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance twilio(@FormParam("accountSid") String accountSid, @FormParam("authToken") String authToken,
                                   @FormParam("sender") String sender, @FormParam("messagesPerSecond") String rate) {
        FieldErrors errors = new FieldErrors();
        Integer perSecond = number(errors, "twilio.messagesPerSecond", rate);
        errors.throwIfAny();
        ProviderSettings saved = providers.put(new ProviderSettings(null, null, new ProviderSettings.Twilio(
                FormValues.blankToNull(accountSid), FormValues.blankToNull(authToken), FormValues.blankToNull(sender),
                perSecond, null, null, null, null)));
        return saved("Twilio", saved.twilio() == null ? null : saved.twilio().authTokenHint());
    }

    /** A real test message through the provider (STAFF, as {@code POST /v1/services/test}). */
    @POST
    @Path("/test")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance test(@FormParam("provider") String provider, @FormParam("to") String to) {
        return pages.fragment("ui/notifications/provider-test")
                .data("result", services.test(new ServicesResource.TestMessage(FormValues.blankToNull(provider),
                        FormValues.blankToNull(to))));
    }

    private TemplateInstance saved(String provider, String hint) {
        return pages.fragment("ui/notifications/provider-saved").data("provider", provider).data("hint", hint);
    }

    private static Integer number(FieldErrors errors, String field, String text) {
        return errors.parse(field, FormValues.blankToNull(text), t -> {
            try {
                return Integer.valueOf(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a whole number, not '" + t + "'");
            }
        });
    }
}
