package com.gstcomms.runtime.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.validation.Email;
import com.gstcomms.runtime.data.Campaign;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import org.hibernate.FlushMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Turns a campaign into one notification per audience member and queues their bulk commands — called
 * by the API (POST /v1/campaigns, "send now", up to its inline limit) and by the scheduler (scheduled
 * campaigns, and the rest of big audiences). Both may run it for the same campaign at once, or again
 * after a crash: it resumes where the last page ended and never creates a message twice.
 *
 * <p>How: the audience is paged by customer id. Each page is one transaction that locks the campaign
 * row, reads the cursor, creates the page's notifications through {@link Notifier} with idempotency
 * key {@code campaign:{id}:customer:{cid}} (bulk, so they go to the bulk queues), counts the members it
 * skipped, moves the cursor and {@code total}, and recounts ({@link CampaignProgress}). After commit the
 * page's commands are queued; a crash between the two leaves rows QUEUED without a command, which the
 * scheduler's stale-QUEUED sweep re-queues (the workers' claims make a duplicate harmless). The last
 * page sets {@code fanned_out_at}; from then the campaign completes when nothing is queued.
 *
 * <p>Each notification's variables are the campaign's {@code variables} plus {@code customerName} and
 * {@code firstName} of the customer (the campaign's own values win). Its kind is the campaign's kind,
 * its template the campaign's template, its locale the customer's.
 *
 * <p>Blocking (it waits for each page's transaction): call it from a Lambda handler thread or a worker
 * thread, not from the Vert.x event loop.
 */
@ApplicationScoped
public class CampaignFanOut {

    private static final Logger LOG = Logger.getLogger(CampaignFanOut.class);
    private static final String TAG_SEPARATOR = "\u001f";
    static final int DEFAULT_PAGE = 250;

    private static final String READ_CURSOR = """
            select fanout_cursor, fanned_out_at is not null from campaign
             where id = :id and shop_id = :shopId for update""";

    private static final String MOVE_CURSOR = """
            update campaign
               set total = case when fanout_cursor = 0 then 0 else total end + :handled,
                   skipped = case when fanout_cursor = 0 then 0 else skipped end + :skipped,
                   fanout_cursor = :cursor,
                   fanned_out_at = case when :last then now() else null end,
                   updated_at = now()
             where id = :id and shop_id = :shopId""";

    private static final String START = """
            update campaign set status = 'RUNNING', started_at = coalesce(started_at, now()), updated_at = now()
             where id = :id and shop_id = :shopId and status in ('DRAFT', 'SCHEDULED')""";

    private static final String FAIL = """
            update campaign set status = 'FAILED', completed_at = now(), updated_at = now()
             where id = :id and shop_id = :shopId and status in ('DRAFT', 'SCHEDULED', 'RUNNING')""";

    private static final String TAGGED = """
            select * from customer
             where shop_id = :shopId and id > :cursor and tags && string_to_array(:tags, :separator)
             order by id limit :n""";

    private final Notifier notifier;
    private final CampaignProgress progress;
    private final ObjectMapper json;

    public CampaignFanOut(Notifier notifier, CampaignProgress progress, ObjectMapper json) {
        this.notifier = notifier;
        this.progress = progress;
        this.json = json;
    }

    /**
     * What one call did.
     *
     * @param created  notifications created by this call (a repeated member counts once, in the first call)
     * @param skipped  audience members this call skipped (not opted in, no usable address, unknown id)
     * @param finished the whole audience has notifications (now or before)
     * @param status   the campaign's status afterwards
     */
    public record Result(long campaignId, int created, int skipped, boolean finished, Campaign.Status status) {
    }

    /** A campaign whose fan-out is under way, for {@link #unfinished}. */
    public record Unfinished(long shopId, long campaignId) {
    }

    /**
     * Fans out pages until the audience is done or at least {@code maxRecipients} members were handled
     * in this call (whole pages: it may handle up to one page more). A DRAFT or SCHEDULED campaign starts
     * RUNNING; a COMPLETED, CANCELLED or FAILED one is left alone.
     *
     * @throws IllegalArgumentException when the campaign does not exist for this shop
     */
    public Result run(long shopId, long campaignId, int maxRecipients) {
        return run(shopId, campaignId, maxRecipients, DEFAULT_PAGE);
    }

    /** {@link #run(long, long, int)} with another page size (customers per transaction). */
    public Result run(long shopId, long campaignId, int maxRecipients, int pageSize) {
        if (pageSize < 1 || pageSize > 5_000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 5000, was " + pageSize);
        }
        int created = 0;
        int skipped = 0;
        int handled = 0;
        while (true) {
            Page page = inTransaction(() -> page(shopId, campaignId, pageSize));
            notifier.enqueue(page.queued());
            created += page.created();
            skipped += page.skipped();
            handled += page.created() + page.skipped();
            if (page.finished() || page.stopped() || handled >= maxRecipients) {
                if (page.finished() || page.stopped()) {
                    LOG.infof("Campaign %d of shop %d: %s", campaignId, shopId, page.status());
                }
                return new Result(campaignId, created, skipped, page.finished(), page.status());
            }
        }
    }

    /** Campaigns RUNNING whose fan-out has not finished (the scheduler continues them every minute). */
    public List<Unfinished> unfinished(int limit) {
        return inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select shop_id, id from campaign where status = 'RUNNING' and fanned_out_at is null
                         order by started_at nulls first limit :n""", Object[].class)
                .setParameter("n", limit).getResultList()))
                .stream().map(r -> new Unfinished(((Number) r[0]).longValue(), ((Number) r[1]).longValue())).toList();
    }

    /** One page (inside a transaction): its queued notifications are enqueued after commit. */
    private record Page(List<Notification> queued, int created, int skipped, boolean finished, boolean stopped,
                        Campaign.Status status) {
    }

    private Uni<Page> page(long shopId, long campaignId, int size) {
        // Flush at commit (and explicitly before the native statements below), not before every query:
        // Notifier.create queries once per member, and flushing before each query dirty-checks every
        // entity of the page again (quadratic in the page size). Keys within a page are distinct
        // (one per customer), so its queries never need the page's own unflushed rows.
        return Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT))
                .chain(s -> s.createNativeQuery(READ_CURSOR, Object[].class)
                        .setParameter("id", campaignId).setParameter("shopId", shopId).getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw new IllegalArgumentException("Campaign " + campaignId + " does not exist for shop " + shopId);
                    }
                    long cursor = ((Number) rows.getFirst()[0]).longValue();
                    boolean fannedOut = (Boolean) rows.getFirst()[1];
                    return Campaign.<Campaign>findById(campaignId).chain(campaign -> {
                        if (fannedOut || campaign.status == Campaign.Status.COMPLETED
                                || campaign.status == Campaign.Status.CANCELLED || campaign.status == Campaign.Status.FAILED) {
                            return Uni.createFrom().item(new Page(List.of(), 0, 0, fannedOut, !fannedOut, campaign.status));
                        }
                        Audience audience;
                        Map<String, Object> variables;
                        Channel channel;
                        try {
                            audience = Audience.parse(campaign.audience);
                            variables = variables(campaign.variables);
                            channel = "AUTO".equals(campaign.channel) ? null : Channel.valueOf(campaign.channel);
                        } catch (IllegalArgumentException e) {
                            LOG.errorf("Campaign %d of shop %d cannot start: %s", campaignId, shopId, e.getMessage());
                            return setStatus(shopId, campaignId, FAIL)
                                    .replaceWith(new Page(List.of(), 0, 0, false, true, Campaign.Status.FAILED));
                        }
                        // Native updates only: a dirty Campaign entity flushed at commit would overwrite the
                        // counters that the native statements of this page maintain.
                        Uni<Integer> started = campaign.status == Campaign.Status.RUNNING
                                ? Uni.createFrom().item(0) : setStatus(shopId, campaignId, START);
                        return started.chain(() -> members(shopId, audience, channel, cursor, size))
                                .chain(members -> createAll(campaign, channel, variables, members)
                                        .chain(outcome -> finishPage(campaign, cursor, members, outcome)));
                    });
                });
    }

    /** A page of the audience: the customers in id order, and the ids asked for that do not exist. */
    private record Members(List<Customer> customers, List<Long> unknownIds, long lastId, boolean last) {
    }

    private Uni<Members> members(long shopId, Audience audience, Channel channel, long cursor, int size) {
        return switch (audience.type()) {
            case ALL -> Customer.<Customer>find("shopId = ?1 and id > ?2 and (" + optedIn(channel) + ")",
                            Sort.by("id"), shopId, cursor).page(0, size).list()
                    .map(list -> new Members(list, List.of(), lastId(list, cursor), list.size() < size));
            case TAGS -> Panache.getSession().chain(s -> s.createNativeQuery(TAGGED, Customer.class)
                            .setParameter("shopId", shopId).setParameter("cursor", cursor)
                            .setParameter("tags", String.join(TAG_SEPARATOR, audience.tags()))
                            .setParameter("separator", TAG_SEPARATOR).setParameter("n", size).getResultList())
                    .map(list -> new Members(list, List.of(), lastId(list, cursor), list.size() < size));
            case CUSTOMERS -> {
                List<Long> ids = audience.customerIds().stream().filter(id -> id > cursor).limit(size).toList();
                boolean last = ids.isEmpty() || ids.getLast().equals(audience.customerIds().getLast());
                yield ids.isEmpty()
                        ? Uni.createFrom().item(new Members(List.of(), List.of(), cursor, true))
                        : Customer.<Customer>list("shopId = ?1 and id in ?2", Sort.by("id"), shopId, ids)
                        .map(found -> {
                            Set<Long> foundIds = found.stream().map(c -> c.id).collect(Collectors.toSet());
                            return new Members(found, ids.stream().filter(id -> !foundIds.contains(id)).toList(),
                                    ids.getLast(), last);
                        });
            }
        };
    }

    private static String optedIn(Channel channel) {
        return channel == null ? "emailOptIn = true or whatsappOptIn = true"
                : channel == Channel.EMAIL ? "emailOptIn = true" : "whatsappOptIn = true";
    }

    private static long lastId(List<Customer> list, long cursor) {
        return list.isEmpty() ? cursor : list.getLast().id;
    }

    private record Outcome(List<Notification> queued, int created, int skipped) {
    }

    private Uni<Outcome> createAll(Campaign campaign, Channel channel, Map<String, Object> variables, Members members) {
        List<NotificationRequest> requests = new ArrayList<>();
        int skipped = members.unknownIds().size();
        for (Customer customer : members.customers()) {
            Channel resolved = channelFor(customer, channel);
            if (resolved == null) {
                skipped++;
                continue;
            }
            Map<String, Object> own = new LinkedHashMap<>();
            own.put("customerName", customer.displayName());
            own.put("firstName", customer.firstName == null || customer.firstName.isBlank()
                    ? customer.displayName() : customer.firstName.trim());
            own.putAll(variables);
            requests.add(new NotificationRequest(campaign.shopId, customer.id, resolved, campaign.kind, customer.locale,
                    null, null, own, List.of(), null, campaign.id, campaign.templateId,
                    "campaign:" + campaign.id + ":customer:" + customer.id, null, true));
        }
        int skippedTotal = skipped;
        Map<Long, Customer> byId = new java.util.HashMap<>();
        members.customers().forEach(c -> byId.put(c.id, c));
        return notifier.createAll(campaign.shopId, requests, byId)
                .map(createdList -> new Outcome(
                        createdList.stream().map(Notifier.Created::notification).toList(),
                        (int) createdList.stream().filter(Notifier.Created::isNew).count(),
                        skippedTotal));
    }

    /**
     * The channel this customer gets, or null to skip them: a campaign is marketing, so only to
     * customers opted in to the channel, with a usable address. AUTO prefers WhatsApp.
     */
    static Channel channelFor(Customer customer, Channel campaignChannel) {
        boolean email = customer.emailOptIn && customer.email != null && Email.validate(customer.email).isValid();
        boolean whatsapp = customer.whatsappOptIn && customer.phone != null && !customer.phone.isBlank();
        if (campaignChannel == null) {
            return whatsapp ? Channel.WHATSAPP : email ? Channel.EMAIL : null;
        }
        return switch (campaignChannel) {
            case EMAIL -> email ? Channel.EMAIL : null;
            case WHATSAPP -> whatsapp ? Channel.WHATSAPP : null;
        };
    }

    private Uni<Page> finishPage(Campaign campaign, long cursor, Members members, Outcome outcome) {
        // Every member of the page is either a notification (new, or one an earlier run created) or skipped.
        int handled = outcome.queued().size() + outcome.skipped();
        return Panache.getSession().chain(s -> s.flush().replaceWith(s)).chain(s -> s.createNativeQuery(MOVE_CURSOR)
                        .setParameter("handled", handled).setParameter("skipped", outcome.skipped())
                        .setParameter("cursor", members.lastId()).setParameter("last", members.last())
                        .setParameter("id", campaign.id).setParameter("shopId", campaign.shopId).executeUpdate())
                .chain(() -> progress.refresh(campaign.shopId, campaign.id))
                .map(status -> new Page(
                        outcome.queued().stream().filter(n -> n.status == com.gstcomms.runtime.data.NotificationStatus.QUEUED)
                                .toList(),
                        outcome.created(), outcome.skipped(), members.last(), false,
                        status.map(Campaign.Status::valueOf).orElse(campaign.status)));
    }

    private static Uni<Integer> setStatus(long shopId, long campaignId, String sql) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter("id", campaignId).setParameter("shopId", shopId).executeUpdate());
    }

    private Map<String, Object> variables(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = json.readValue(text, new TypeReference<>() {
            });
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new IllegalArgumentException("campaign variables are not a JSON object");
        }
    }
}
