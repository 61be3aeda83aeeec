package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.campaigns.AudienceCount;
import com.gstcomms.api.campaigns.CampaignsResource;
import com.gstcomms.api.campaigns.CampaignsResource.CampaignView;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.templates.TemplatesResource;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.Pages;
import com.gstcomms.runtime.campaign.Audience;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Bulk tab: a campaign to all opted-in customers or to tags, with a recipient count
 * before it starts, started through {@code POST /v1/campaigns}' logic, and its progress polled by htmx.
 */
@Path("/ui/notifications/bulk")
@Produces(MediaType.TEXT_HTML)
public class BulkPage {

    private final Pages pages;
    private final CurrentCaller caller;
    private final CampaignsResource campaigns;
    private final TemplatesResource templates;
    private final AudienceCount audienceCount;

    public BulkPage(Pages pages, CurrentCaller caller, CampaignsResource campaigns, TemplatesResource templates,
                    AudienceCount audienceCount) {
        this.pages = pages;
        this.caller = caller;
        this.campaigns = campaigns;
        this.templates = templates;
        this.audienceCount = audienceCount;
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance page() {
        return pages.page("ui/notifications/bulk", "Campaigns", "notifications", "bulk")
                .data("requestId", UUID.randomUUID().toString())
                .data("templates", templates.list(null, null, null).get("items"))
                .data("recent", campaigns.list(null, null, 10).items());
    }

    @POST
    @Path("/count")
    @Allowed(VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance count(@FormParam("audience") String audience, @FormParam("tags") String tags,
                                  @FormParam("channel") String channel) {
        FieldErrors errors = new FieldErrors();
        Audience parsed = audience(errors, audience, tags);
        errors.throwIfAny();
        return pages.fragment("ui/notifications/audience-count")
                .data("count", audienceCount.count(caller.shopId(), parsed, channel(channel)));
    }

    @POST
    @Path("/start")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance start(@FormParam("name") String name, @FormParam("channel") String channel,
                                  @FormParam("templateId") String templateId, @FormParam("audience") String audience,
                                  @FormParam("tags") String tags, @FormParam("variables") String variables,
                                  @FormParam("sendAt") String sendAt, @FormParam("requestId") String requestId) {
        FieldErrors errors = new FieldErrors();
        Audience parsed = audience(errors, audience, tags);
        String template = errors.required("templateId", FormValues.blankToNull(templateId));
        Map<String, Object> given = FormValues.variables(errors, "variables", variables);
        String scheduledAt = FormValues.indiaTime(errors, "sendAt", sendAt);
        errors.throwIfAny();
        IndividualPage.Chosen chosen = IndividualPage.Chosen.of(template);
        Map<String, Object> audienceJson = parsed.type() == Audience.Type.TAGS
                ? Map.of("type", "TAGS", "tags", parsed.tags()) : Map.of("type", "ALL");
        Response answer = campaigns.start(new CampaignsResource.StartCampaign(FormValues.blankToNull(name), channel(channel),
                chosen.kind(), chosen.templateId(), audienceJson, given, scheduledAt),
                FormValues.blankToNull(requestId) == null ? null : "ui:" + requestId.strip());
        long id = Json.tree(answer.getEntity().toString()).path("id").asLong();
        return pages.fragment("ui/notifications/campaign-progress").data("c", campaigns.get(id))
                .data("requestId", UUID.randomUUID().toString()).data("started", true);
    }

    /** One campaign's counters; the fragment polls itself every 2 s until the campaign is done. */
    @GET
    @Path("/campaigns/{id}")
    @Allowed(VIEWER)
    public TemplateInstance progress(@PathParam("id") long id) {
        return pages.fragment("ui/notifications/campaign-progress").data("c", campaigns.get(id))
                .data("requestId", null).data("started", false);
    }

    private static String channel(String text) {
        return text == null || text.isBlank() ? "AUTO" : text.strip().toUpperCase(Locale.ROOT);
    }

    private static Audience audience(FieldErrors errors, String type, String tags) {
        if ("TAGS".equalsIgnoreCase(type)) {
            List<String> list = tags == null ? List.of()
                    : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
            if (list.isEmpty()) {
                errors.add("tags", "give at least one tag, e.g. vip, diwali");
                return new Audience(Audience.Type.ALL, List.of(), List.of());
            }
            return new Audience(Audience.Type.TAGS, list, List.of());
        }
        return new Audience(Audience.Type.ALL, List.of(), List.of());
    }
}
