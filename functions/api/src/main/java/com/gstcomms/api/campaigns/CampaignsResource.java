package com.gstcomms.api.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Filters;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.validation.DateWindow;
import com.gstcomms.runtime.campaign.Audience;
import com.gstcomms.runtime.campaign.CampaignFanOut;
import com.gstcomms.runtime.data.Campaign;
import com.gstcomms.runtime.data.Template;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Campaigns: a bulk send to an audience (all opted-in customers, tags, or ids) on one channel, now or at
 * {@code scheduledAt}. "Now" fans out inside the request up to {@code gstcomms.api.campaign-inline-limit}
 * recipients through the shared {@link CampaignFanOut} (bulk queues, one notification per customer, never
 * twice); the scheduler continues bigger audiences and starts scheduled ones.
 */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    private static final Logger LOG = Logger.getLogger(CampaignsResource.class);

    private static final String PROGRESS = """
            select total, queued, sent, failed, suppressed, skipped, fanned_out_at from campaign
             where id = ?1 and shop_id = ?2""";

    /** An audience of customer ids this long is about 20,000 of them; tags reach any number. */
    static final int MAX_AUDIENCE_JSON = 200_000;

    private final CurrentCaller caller;
    private final CampaignFanOut fanOut;
    private final IdempotentRequests idempotent;
    private final AuditTrail audit;
    private final ApiConfig config;
    private final Clock clock;

    public CampaignsResource(CurrentCaller caller, CampaignFanOut fanOut, IdempotentRequests idempotent, AuditTrail audit,
                             ApiConfig config, Clock clock) {
        this.caller = caller;
        this.fanOut = fanOut;
        this.idempotent = idempotent;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @RegisterForReflection
    public record StartCampaign(String name, String channel, String kind, Long templateId, Map<String, Object> audience,
                                Map<String, Object> variables, String scheduledAt) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CampaignView(long id, String name, String channel, String kind, Long templateId,
                               Map<String, Object> audience, Map<String, Object> variables, String status,
                               OffsetDateTime scheduledAt, OffsetDateTime startedAt, OffsetDateTime completedAt,
                               Integer total, Integer queued, Integer sent, Integer failed, Integer suppressed,
                               Integer skipped, Boolean fannedOut, Integer percent, OffsetDateTime createdAt) {
    }

    @POST
    @Allowed(STAFF)
    public Response start(StartCampaign body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        if (body == null) {
            throw Problem.badRequest("Send the campaign as a JSON body");
        }
        String name = errors.maxLength("name", errors.required("name", body.name()), 255);
        String channel = body.channel() == null ? "AUTO" : body.channel().strip().toUpperCase(Locale.ROOT);
        if (!List.of("EMAIL", "WHATSAPP", "AUTO").contains(channel)) {
            errors.add("channel", "channel must be EMAIL, WHATSAPP or AUTO");
        }
        String kind = body.kind() == null ? "CAMPAIGN" : body.kind().strip().toUpperCase(Locale.ROOT);
        // campaign.kind is varchar(40); the same form as a notification's kind.
        if (kind.length() > 40 || !kind.matches("[A-Z][A-Z0-9_]*")) {
            errors.add("kind", "kind is at most 40 letters, digits and '_', like CAMPAIGN");
        }
        String audienceJson = Json.write(body.audience() == null ? Map.of() : body.audience());
        if (audienceJson.contains("\\u0000")) {
            errors.add("audience", "audience must not contain NUL characters");
        } else if (audienceJson.length() > MAX_AUDIENCE_JSON) {
            errors.add("audience", "audience takes " + audienceJson.length() + " characters as JSON; at most "
                    + MAX_AUDIENCE_JSON + " are allowed (name customers by tag for larger audiences)");
        } else {
            try {
                Audience.parse(audienceJson);
            } catch (IllegalArgumentException e) {
                errors.add("audience", e.getMessage());
            }
        }
        errors.variables("variables", body.variables());
        OffsetDateTime askedFor = errors.parse("scheduledAt", body.scheduledAt(), Filters::parseTime);
        OffsetDateTime scheduledAt = askedFor == null ? null : errors.check("scheduledAt",
                DateWindow.schedule(config.maxDaysAhead()).check("scheduledAt", askedFor, OffsetDateTime.now(clock)));
        errors.throwIfAny();
        Caller who = caller.get();
        boolean later = scheduledAt != null && scheduledAt.isAfter(OffsetDateTime.now(clock));
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/campaigns", body, () -> {
            Campaign campaign = inTransaction(() -> (body.templateId() == null ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                    : Template.<Template>find("id = ?1 and (shopId = ?2 or shopId is null)", body.templateId(), who.shopId())
                    .firstResult().onItem().ifNull().failWith(() -> Problem.invalid("templateId",
                            "template " + body.templateId() + " was not found")).replaceWithVoid())
                    .chain(() -> {
                        Campaign row = new Campaign();
                        row.shopId = who.shopId();
                        row.name = name;
                        row.channel = channel;
                        row.kind = kind;
                        row.templateId = body.templateId();
                        row.audience = audienceJson;
                        row.variables = Json.write(body.variables() == null ? Map.of() : body.variables());
                        row.status = later ? Campaign.Status.SCHEDULED : Campaign.Status.DRAFT;
                        row.scheduledAt = later ? scheduledAt : null;
                        return row.<Campaign>persist();
                    })
                    .call(saved -> audit.record(who, "campaign.create", "campaign", saved.id,
                            Map.of("channel", channel, "scheduled", later))));
            if (!later) {
                try {
                    fanOut.run(who.shopId(), campaign.id, config.campaignInlineLimit());
                } catch (RuntimeException e) {
                    // The campaign is stored; the scheduler's sweep continues unfinished fan-outs.
                    LOG.warnf(e, "campaign %d: fan-out stopped early; the scheduler continues it", campaign.id);
                }
            }
            return new IdempotentRequests.Answer(202, view(who.shopId(), campaign.id));
        });
    }

    @GET
    @Path("/{id}")
    @Allowed(VIEWER)
    public CampaignView get(@PathParam("id") long id) {
        return view(caller.shopId(), id);
    }

    @GET
    @Allowed(VIEWER)
    public Page<CampaignView> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit, config.maxPageSize());
        Filters filters = new Filters(caller.shopId(), cursor).enumEq("status", "status", status, Campaign.Status.class);
        List<Campaign> rows = inSession(() -> Campaign.<Campaign>find(filters.query(), filters.params()).range(0, size).list());
        return Page.of(rows, size, c -> c.id, c -> view(c, null));
    }

    private CampaignView view(long shopId, long id) {
        Campaign campaign = inSession(() -> Campaign.<Campaign>find("id = ?1 and shopId = ?2", id, shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("Campaign", id)));
        List<Object[]> progress = inSession(() -> rows(PROGRESS, id, shopId));
        return view(campaign, progress.isEmpty() ? null : progress.getFirst());
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** Counters from the row itself (the fan-out maintains them with native updates). */
    /** {@code progress}: a row of {@link #PROGRESS}. */
    private static CampaignView view(Campaign c, Object[] progress) {
        Integer total = progress == null ? c.total : integer(progress[0]);
        Integer queued = progress == null ? c.queued : integer(progress[1]);
        Integer sent = progress == null ? c.sent : integer(progress[2]);
        Integer failed = progress == null ? c.failed : integer(progress[3]);
        Integer suppressed = progress == null ? null : integer(progress[4]);
        Integer skipped = progress == null ? null : integer(progress[5]);
        Boolean fannedOut = progress == null ? null : progress[6] != null;
        Integer percent = null;
        if (progress != null && total != null && total > 0) {
            int done = sent + failed + (suppressed == null ? 0 : suppressed) + (skipped == null ? 0 : skipped);
            percent = Boolean.TRUE.equals(fannedOut) ? Math.min(100, done * 100 / total) : Math.min(99, done * 100 / total);
        }
        return new CampaignView(c.id, c.name, c.channel, c.kind, c.templateId, Json.map(c.audience), Json.map(c.variables),
                c.status.name(), Json.time(c.scheduledAt), Json.time(c.startedAt), Json.time(c.completedAt), total, queued,
                sent, failed, suppressed, skipped, fannedOut, percent, Json.time(c.createdAt));
    }
}
