package com.gstcomms.api.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.webhooks.SendGridEvents;
import com.gstcomms.runtime.data.ShopCredential;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

@Path("/v1/settings/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProviderSettingsResource {

    private final CurrentCaller caller;
    private final ProviderSettingsChange change;

    public ProviderSettingsResource(CurrentCaller caller, ProviderSettingsChange change) {
        this.caller = caller;
        this.change = change;
    }

    @GET
    @Allowed(VIEWER)
    public ProviderSettings get() {
        long shopId = caller.shopId();
        List<ShopCredential> rows = inSession(() -> ShopCredential.<ShopCredential>find("shopId", shopId).list());
        return view(rows);
    }

    /** Saves the blocks given; every invalid field is reported and nothing is saved then. */
    @PUT
    @Allowed(OWNER)
    public ProviderSettings put(ProviderSettings body) {
        change.save(caller.get(), body);
        return get();
    }

    static ProviderSettings view(List<ShopCredential> rows) {
        ProviderSettings.SendGrid sg = null;
        ProviderSettings.Smtp smtp = null;
        ProviderSettings.Twilio tw = null;
        for (ShopCredential r : rows) {
            JsonNode s = Json.tree(r.settings);
            switch (r.provider) {
                case SENDGRID -> sg = new ProviderSettings.SendGrid(null, text(s, "fromEmail"), text(s, "fromName"),
                        text(s, "replyTo"), r.secretHint, r.status, Json.time(r.lastCheckedAt), r.lastError,
                        text(s, SendGridEvents.EVENT_WEBHOOK_KEY));
                case SMTP -> smtp = new ProviderSettings.Smtp(text(s, "host"), s.path("port").asInt(587),
                        text(s, "username"), null, text(s, "security"), text(s, "fromEmail"), text(s, "fromName"),
                        r.secretHint, r.status, Json.time(r.lastCheckedAt), r.lastError);
                case TWILIO -> tw = new ProviderSettings.Twilio(text(s, "accountSid"), null, text(s, "sender"),
                        s.has("messagesPerSecond") ? s.get("messagesPerSecond").asInt() : null, r.secretHint, r.status,
                        Json.time(r.lastCheckedAt), r.lastError);
            }
        }
        return new ProviderSettings(sg, smtp, tw);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
