package com.gstcomms.api.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.gstcomms.api.ShopifyConfig;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.ApiKey.Role;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Starts every page and fragment: the Qute template with the {@link Frame} of the signed-in caller. A page
 * resource returns {@code pages.page(...).data(...)}; Quarkus REST renders it as text/html.
 */
@ApplicationScoped
public class Pages {

    private final Engine engine;
    private final CurrentCaller caller;
    private final ShopifyConfig shopify;

    public Pages(Engine engine, CurrentCaller caller, ShopifyConfig shopify) {
        this.engine = engine;
        this.caller = caller;
        this.shopify = shopify;
    }

    /** A whole page of the signed-in caller ({@code template} like {@code ui/notifications/log}). */
    public TemplateInstance page(String template, String title, String section, String tab) {
        return template(template).data("frame", frame(title, section, tab));
    }

    /** A fragment for an htmx swap; it gets the frame too, so it can disable what the role may not do. */
    public TemplateInstance fragment(String template) {
        return template(template).data("frame", frame(null, null, null));
    }

    /** A page shown to nobody in particular (sign-in, errors before sign-in). */
    public TemplateInstance signedOut(String template, String title) {
        return template(template).data("frame", new Frame(title, null, null, null, null, null, false, false, "{}",
                false, shopify.apiKey()));
    }

    public Frame frame(String title, String section, String tab) {
        Caller who = caller.get();
        String bearer = caller.bearerToken();
        Map<String, String> headers = bearer != null ? Map.of("Authorization", "Bearer " + bearer)
                : caller.csrfToken() != null ? Map.of(UiSessions.CSRF_HEADER, caller.csrfToken()) : Map.of();
        return new Frame(title, section, tab, who.shopDomain(), who.role().name(), who.actor(),
                who.mayAct(Role.STAFF), who.mayAct(Role.OWNER), json(headers), bearer != null, shopify.apiKey());
    }

    private io.quarkus.qute.Template template(String name) {
        io.quarkus.qute.Template template = engine.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("no page template " + name);
        }
        return template;
    }

    private static String json(Map<String, String> headers) {
        try {
            return Json.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
