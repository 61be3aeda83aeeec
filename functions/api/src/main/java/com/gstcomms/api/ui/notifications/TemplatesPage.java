package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.templates.TemplatesResource;
import com.gstcomms.api.templates.TemplatesResource.TemplateEdit;
import com.gstcomms.api.templates.TemplatesResource.TemplateView;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.Pages;
import com.gstcomms.templates.MessageKinds;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Templates tab: pick channel, kind and locale; edit the shop's next version of that
 * template with its variables listed and a live preview (sample data, shared/templates' renderer); see and
 * reopen every version. Saving is {@code PUT /v1/templates/{id}}'s logic (OWNER).
 */
@Path("/ui/notifications/templates")
@Produces(MediaType.TEXT_HTML)
public class TemplatesPage {

    private final Pages pages;
    private final TemplatesResource templates;
    private final Previews previews;

    public TemplatesPage(Pages pages, TemplatesResource templates, Previews previews) {
        this.pages = pages;
        this.templates = templates;
        this.previews = previews;
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance page(@QueryParam("channel") String channel, @QueryParam("kind") String kind,
                                 @QueryParam("locale") String locale, @QueryParam("id") String id) {
        List<TemplateView> all = templates.list(null, null, null).get("items");
        TemplateView current = current(channel, kind, locale, id);
        return pages.page("ui/notifications/templates", "Templates", "notifications", "templates")
                .data("kinds", choices(all.stream().map(TemplateView::kind), MessageKinds.BUILT_IN.stream()))
                .data("locales", choices(all.stream().map(TemplateView::locale), MessageKinds.BUILT_IN_LOCALES.stream()))
                .data("t", current)
                .data("versions", templates.versions(current.id()).get("items"));
    }

    /** The editor for the chosen channel, kind and locale (the shop's newest version, else the built-in). */
    @GET
    @Path("/editor")
    @Allowed(VIEWER)
    public TemplateInstance editor(@QueryParam("channel") String channel, @QueryParam("kind") String kind,
                                   @QueryParam("locale") String locale, @QueryParam("id") String id) {
        TemplateView current = current(channel, kind, locale, id);
        return pages.fragment("ui/notifications/template-editor").data("t", current)
                .data("versions", templates.versions(current.id()).get("items"));
    }

    /** The draft as typed, rendered with the kind's sample data (nothing is saved). */
    @POST
    @Path("/preview")
    @Allowed(VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@FormParam("id") String id, @FormParam("subject") String subject,
                                    @FormParam("bodyHtml") String bodyHtml, @FormParam("bodyText") String bodyText,
                                    @FormParam("variables") String variables) {
        FieldErrors errors = new FieldErrors();
        String templateId = errors.required("id", FormValues.blankToNull(id));
        Map<String, Object> given = FormValues.variables(errors, "variables", variables);
        errors.throwIfAny();
        TemplateEdit draft = subject == null && bodyHtml == null && bodyText == null ? null
                : new TemplateEdit(null, null, null, null, subject, bodyHtml, bodyText, null, null);
        return previews.render(templateId, new TemplatesResource.PreviewRequest(given, draft));
    }

    /** Saves the shop's next version; answers the editor showing it, with the history updated. */
    @POST
    @Path("/save")
    @Allowed(OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance save(@FormParam("id") String id, @FormParam("name") String name,
                                 @FormParam("subject") String subject, @FormParam("bodyHtml") String bodyHtml,
                                 @FormParam("bodyText") String bodyText) {
        FieldErrors errors = new FieldErrors();
        String templateId = errors.required("id", FormValues.blankToNull(id));
        errors.throwIfAny();
        TemplateView base = templates.get(templateId);
        TemplateView saved = templates.put(templateId, new TemplateEdit(null, null, null, FormValues.blankToNull(name),
                FormValues.blankToNull(subject), FormValues.blankToNull(bodyHtml), FormValues.blankToNull(bodyText),
                base.whatsappContentSid(), base.variables()));
        return pages.fragment("ui/notifications/template-editor").data("t", templates.get(saved.id()))
                .data("versions", templates.versions(saved.id()).get("items"))
                .data("savedVersion", saved.version());
    }

    /** An explicit version ({@code id}), else the shop's newest for channel/kind/locale, else the built-in. */
    private TemplateView current(String channel, String kind, String locale, String id) {
        if (FormValues.blankToNull(id) != null) {
            return templates.get(id.strip());
        }
        String ch = FormValues.blankToNull(channel) == null ? "EMAIL" : channel.strip().toUpperCase(Locale.ROOT);
        String k = FormValues.blankToNull(kind) == null ? MessageKinds.INVOICE_DELIVERY : kind.strip().toUpperCase(Locale.ROOT);
        String loc = FormValues.blankToNull(locale) == null ? "en" : locale.strip().toLowerCase(Locale.ROOT);
        List<TemplateView> found = templates.list(ch, k, loc).get("items");
        // Shop versions (owner "shop") win over platform rows, which win over the built-in.
        return found.stream().min(Comparator.comparingInt(t -> t.builtIn() ? 2 : "shop".equals(t.owner()) ? 0 : 1))
                .map(t -> templates.get(t.id()))
                .orElseThrow(() -> com.gstcomms.api.http.Problem.notFound("Template",
                        ch + " " + k + " " + loc + " (create it with the API first)"));
    }

    private static List<String> choices(Stream<String> used, Stream<String> builtIn) {
        return List.copyOf(new TreeSet<>(Stream.concat(used, builtIn).toList()));
    }
}
