package com.gstcomms.api.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.templates.MessageRenderException;
import com.gstcomms.templates.MessageTemplate;
import com.gstcomms.templates.MessageTemplates;
import com.gstcomms.templates.RenderedMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Message templates per channel, kind and locale: the built-in ones shipped with shared/templates (ids like
 * {@code builtin:EMAIL:INVOICE_DELIVERY:en}) and the shop's own rows. An edit is never in place: PUT adds
 * the shop's next version for that channel, kind and locale (the newest active version is used), so what a
 * queued message was rendered with is kept. Previews render with shared/templates — exactly what the email
 * and WhatsApp functions send — using sample data for the kind, overridden by the variables given.
 */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    public static final Pattern BUILT_IN_ID = Pattern.compile("builtin:(EMAIL|WHATSAPP):([A-Z0-9_]+):([a-z-]+)");

    private final CurrentCaller caller;
    private final MessageTemplates templates;
    private final AuditTrail audit;

    public TemplatesResource(CurrentCaller caller, MessageTemplates templates, AuditTrail audit) {
        this.caller = caller;
        this.templates = templates;
        this.audit = audit;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateView(String id, String channel, String kind, String locale, Integer version, boolean builtIn,
                               String owner, String name, String subject, String bodyHtml, String bodyText,
                               String whatsappContentSid, List<String> variables, OffsetDateTime createdAt,
                               String createdBy) {
    }

    @RegisterForReflection
    public record TemplateEdit(String channel, String kind, String locale, String name, String subject, String bodyHtml,
                               String bodyText, String whatsappContentSid, List<String> variables) {
    }

    @RegisterForReflection
    public record PreviewRequest(Map<String, Object> variables, TemplateEdit draft) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(String templateId, String subject, String html, String text, Map<String, Object> variables) {
    }

    /** Built-in templates and the newest version of each of the shop's (and platform) templates. */
    @GET
    @Allowed(VIEWER)
    public Map<String, List<TemplateView>> list(@QueryParam("channel") String channel, @QueryParam("kind") String kind,
                                                @QueryParam("locale") String locale) {
        long shopId = caller.shopId();
        List<TemplateView> items = new ArrayList<>();
        for (MessageTemplate t : templates.builtIns()) {
            items.add(builtInView(t.source().channel(), t.source().kind(), t.source().locale(), false));
        }
        List<Template> rows = inSession(() -> Template.<Template>list("(shopId = ?1 or shopId is null) and active = true",
                shopId));
        Map<String, Template> newest = rows.stream().collect(Collectors.toMap(
                t -> t.shopId + "/" + t.channel + "/" + t.kind + "/" + t.locale, t -> t,
                (a, b) -> a.version >= b.version ? a : b, LinkedHashMap::new));
        newest.values().stream().sorted(Comparator.comparing((Template t) -> t.kind).thenComparing(t -> t.locale))
                .forEach(t -> items.add(rowView(t, false)));
        return Map.of("items", items.stream()
                .filter(v -> channel == null || v.channel().equalsIgnoreCase(channel))
                .filter(v -> kind == null || v.kind().equalsIgnoreCase(kind))
                .filter(v -> locale == null || v.locale().equalsIgnoreCase(locale))
                .toList());
    }

    @GET
    @Path("/{id}")
    @Allowed(VIEWER)
    public TemplateView get(@PathParam("id") String id) {
        Matcher builtIn = BUILT_IN_ID.matcher(id);
        if (builtIn.matches()) {
            Channel channel = Channel.valueOf(builtIn.group(1));
            if (templates.builtIn(channel, builtIn.group(2), builtIn.group(3)).isEmpty()) {
                throw Problem.notFound("Template", id);
            }
            return builtInView(channel, builtIn.group(2), builtIn.group(3), true);
        }
        return rowView(row(caller.shopId(), id), true);
    }

    /**
     * Every version of template {id}'s channel, kind and locale: the shop's versions newest first, then the
     * built-in one it overrides (when there is one). Without contents; GET each for them.
     */
    @GET
    @Path("/{id}/versions")
    @Allowed(VIEWER)
    public Map<String, List<TemplateView>> versions(@PathParam("id") String id) {
        TemplateView base = get(id);
        long shopId = caller.shopId();
        Channel channel = Channel.valueOf(base.channel());
        List<TemplateView> items = new ArrayList<>(inSession(() -> Template.<Template>list(
                        "shopId = ?1 and channel = ?2 and kind = ?3 and locale = ?4 order by version desc",
                        shopId, channel, base.kind(), base.locale())).stream().map(t -> rowView(t, false)).toList());
        if (templates.builtIn(channel, base.kind(), base.locale()).isPresent()) {
            items.add(builtInView(channel, base.kind(), base.locale(), false));
        }
        return Map.of("items", items);
    }

    /** A new shop template (a kind of the shop's own, or a locale the built-ins lack): version 1. */
    @POST
    @Allowed(OWNER)
    public Response create(TemplateEdit body) {
        FieldErrors errors = new FieldErrors();
        Channel channel = errors.oneOf("channel", errors.required("channel", body == null ? null : body.channel()), Channel.class);
        String kind = errors.required("kind", body == null ? null : body.kind());
        if (kind != null && !kind.strip().toUpperCase(Locale.ROOT).matches("[A-Z][A-Z0-9_]{0,39}")) {
            errors.add("kind", "kind is letters, digits and '_', like THANK_YOU, at most 40 characters");
        }
        String locale = locale(errors, body == null ? null : body.locale());
        errors.throwIfAny();
        return Response.status(201).entity(saveVersion(channel, kind.strip().toUpperCase(Locale.ROOT), locale, body)).build();
    }

    /** Saves the shop's next version of template {id}'s channel, kind and locale. */
    @PUT
    @Path("/{id}")
    @Allowed(OWNER)
    public TemplateView put(@PathParam("id") String id, TemplateEdit body) {
        if (body == null) {
            throw Problem.badRequest("Send the template as a JSON body");
        }
        Matcher builtIn = BUILT_IN_ID.matcher(id);
        if (builtIn.matches()) {
            Channel channel = Channel.valueOf(builtIn.group(1));
            if (templates.builtIn(channel, builtIn.group(2), builtIn.group(3)).isEmpty()) {
                throw Problem.notFound("Template", id);
            }
            return saveVersion(channel, builtIn.group(2), builtIn.group(3), body);
        }
        Template base = row(caller.shopId(), id);
        return saveVersion(base.channel, base.kind, base.locale, body);
    }

    /**
     * Renders a template with sample data (overridden by the variables given). A shop's template or a draft is
     * merchant-written text, rendered in the sandbox (shared/templates TemplateSandbox); previewing one is for
     * those who may edit or send with it, STAFF and OWNER — a VIEWER previews the built-in templates only.
     */
    @POST
    @Path("/{id}/preview")
    @Allowed(VIEWER)
    public Preview preview(@PathParam("id") String id, PreviewRequest body) {
        long shopId = caller.shopId();
        Matcher builtIn = BUILT_IN_ID.matcher(id);
        if (body != null && body.draft() != null && builtIn.matches() && unchanged(body.draft(), get(id))) {
            // The editor posts what it shows: a built-in's own source is the built-in (it may {#include} the
            // layout, which only the shipped templates may), not a merchant's draft.
            body = new PreviewRequest(body.variables(), null);
        }
        if ((!builtIn.matches() || (body != null && body.draft() != null)) && !caller.get().mayAct(STAFF)) {
            throw Problem.forbidden("Previewing a shop template or a draft needs the STAFF or OWNER role; "
                    + "a VIEWER may preview the built-in templates");
        }
        MessageTemplate template;
        String kind;
        try {
            if (body != null) {
                FieldErrors errors = new FieldErrors();
                errors.variables("variables", body.variables());
                if (body.draft() != null) {
                    errors.maxLength("draft.subject", body.draft().subject(), 998);
                    errors.maxLength("draft.bodyHtml", body.draft().bodyHtml(), MAX_BODY);
                    errors.maxLength("draft.bodyText", body.draft().bodyText(), MAX_BODY);
                }
                errors.throwIfAny();
            }
            if (body != null && body.draft() != null) {
                TemplateView base = get(id);
                kind = base.kind();
                Template draft = new Template();
                draft.channel = Channel.valueOf(base.channel());
                draft.kind = base.kind();
                draft.locale = base.locale();
                draft.subject = body.draft().subject();
                draft.bodyHtml = body.draft().bodyHtml();
                draft.bodyText = body.draft().bodyText();
                draft.variables = body.draft().variables() != null ? body.draft().variables().toArray(String[]::new)
                        : base.variables() == null ? new String[0] : base.variables().toArray(String[]::new);
                template = templates.compile(draft);
            } else if (builtIn.matches()) {
                kind = builtIn.group(2);
                template = templates.builtIn(Channel.valueOf(builtIn.group(1)), kind, builtIn.group(3))
                        .orElseThrow(() -> Problem.notFound("Template", id));
            } else {
                long rowId = rowId(id);
                Template row = row(shopId, id);
                kind = row.kind;
                template = inSession(() -> templates.find(shopId, rowId));
            }
            Map<String, Object> variables = new LinkedHashMap<>(MessageTemplates.sampleVariables(kind));
            if (body != null && body.variables() != null) {
                variables.putAll(body.variables());
            }
            RenderedMessage rendered = template.render(variables);
            return new Preview(id, rendered.subject(), rendered.html(), rendered.text(), variables);
        } catch (MessageRenderException e) {
            throw Problem.unprocessable(e.getMessage());
        }
    }

    /** Whether a draft is a built-in's shipped text as it is (a form sends CRLF line ends). */
    private static boolean unchanged(TemplateEdit draft, TemplateView builtIn) {
        return sameText(draft.subject(), builtIn.subject()) && sameText(draft.bodyHtml(), builtIn.bodyHtml())
                && sameText(draft.bodyText(), builtIn.bodyText());
    }

    private static boolean sameText(String a, String b) {
        String x = a == null ? "" : a.replace("\r\n", "\n").strip();
        String y = b == null ? "" : b.replace("\r\n", "\n").strip();
        return x.equals(y);
    }

    private TemplateView saveVersion(Channel channel, String kind, String locale, TemplateEdit body) {
        FieldErrors errors = new FieldErrors();
        errors.maxLength("subject", body.subject(), 998);
        errors.maxLength("name", body.name(), 100);
        bodies(errors, body);
        if (errors.maxSize("variables", body.variables(), FieldErrors.MAX_VARIABLES) && body.variables() != null) {
            for (int i = 0; i < body.variables().size(); i++) {
                errors.maxLength("variables[" + i + "]", errors.required("variables[" + i + "]", body.variables().get(i)),
                        FieldErrors.MAX_VARIABLE_NAME);
            }
        }
        if (body.whatsappContentSid() != null && !body.whatsappContentSid().matches("HX[0-9a-fA-F]{32}")) {
            errors.add("whatsappContentSid", "a Twilio Content SID is HX followed by 32 hexadecimal characters");
        }
        if (channel == Channel.WHATSAPP && (body.bodyText() == null || body.bodyText().isBlank())) {
            errors.add("bodyText", "a WhatsApp template needs bodyText");
        }
        for (String problem : templates.problems(channel, kind, body.variables(), body.subject(), body.bodyHtml(),
                body.bodyText())) {
            String field = problem.startsWith("subject") ? "subject" : problem.startsWith("HTML body") ? "bodyHtml"
                    : problem.startsWith("text body") ? "bodyText" : "body";
            errors.add(field, problem);
        }
        errors.throwIfAny();
        Caller who = caller.get();
        Template saved = inTransaction(() -> Template.<Template>find(
                        "shopId = ?1 and channel = ?2 and kind = ?3 and locale = ?4 order by version desc",
                        who.shopId(), channel, kind, locale).firstResult()
                .chain(latest -> {
                    Template t = new Template();
                    t.shopId = who.shopId();
                    t.channel = channel;
                    t.kind = kind;
                    t.locale = locale;
                    t.version = latest == null ? 1 : latest.version + 1;
                    t.name = body.name();
                    t.subject = body.subject();
                    t.bodyHtml = body.bodyHtml();
                    t.bodyText = body.bodyText();
                    t.whatsappContentSid = body.whatsappContentSid();
                    t.variables = body.variables() == null ? new String[0] : body.variables().toArray(String[]::new);
                    t.createdBy = who.actor();
                    return t.<Template>persist();
                })
                .call(t -> audit.record(who, "template.save", "template", t.id,
                        Map.of("channel", channel.name(), "kind", kind, "locale", locale, "version", t.version))));
        return rowView(saved, true);
    }

    /** A message body as stored (text columns): 100,000 characters is far beyond any email or WhatsApp message. */
    static final int MAX_BODY = 100_000;

    private static void bodies(FieldErrors errors, TemplateEdit body) {
        errors.maxLength("bodyHtml", body.bodyHtml(), MAX_BODY);
        errors.maxLength("bodyText", body.bodyText(), MAX_BODY);
        errors.maxLength("whatsappContentSid", body.whatsappContentSid(), 34);
    }

    private static String locale(FieldErrors errors, String text) {
        String locale = text == null ? "en" : text.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        // template.locale is varchar(10): a language and a region or script subtag of up to 4.
        if (locale.length() > 10 || !locale.matches("[a-z]{2,3}(-[a-z0-9]{2,4})?")) {
            errors.add("locale", "locale is a language tag like en, hi or hi-in");
        }
        return locale;
    }

    private static long rowId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.notFound("Template", id);
        }
    }

    private static Template row(long shopId, String id) {
        long rowId = rowId(id);
        return inSession(() -> Template.<Template>find("id = ?1 and (shopId = ?2 or shopId is null)", rowId, shopId)
                .firstResult().onItem().ifNull().failWith(() -> Problem.notFound("Template", id)));
    }

    private static TemplateView rowView(Template t, boolean withContent) {
        return new TemplateView(Long.toString(t.id), t.channel.name(), t.kind, t.locale, t.version, false,
                t.shopId == null ? "platform" : "shop", t.name, withContent ? t.subject : null,
                withContent ? t.bodyHtml : null, withContent ? t.bodyText : null, t.whatsappContentSid,
                List.of(t.variables), Json.time(t.createdAt), t.createdBy);
    }

    /** Built-in sources are read from shared/templates' classpath resources (as the Qute engine finds them). */
    private static TemplateView builtInView(Channel channel, String kind, String locale, boolean withContent) {
        String base = "templates/gstcomms/" + channel.name().toLowerCase(Locale.ROOT) + "/"
                + kind.toLowerCase(Locale.ROOT).replace('_', '-') + "/" + locale + "/";
        return new TemplateView("builtin:" + channel + ":" + kind + ":" + locale, channel.name(), kind, locale, null, true,
                "built-in", null, withContent ? resource(base + "subject.txt").orElse(null) : null,
                withContent ? resource(base + "body.html").orElse(null) : null,
                withContent ? resource(base + "body.txt").orElse(null) : null, null,
                new ArrayList<>(MessageTemplates.sampleVariables(kind).keySet()), null, null);
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }


}
