package com.gstcomms.scheduler;

import com.gstcomms.runtime.campaign.CampaignFanOut;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.notify.Notifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The every-minute run. Notifications whose {@code scheduledAt} has come move SCHEDULED → QUEUED (a
 * conditional update that skips rows another run holds, so two overlapping runs never queue one twice)
 * and their commands are queued. Then a sweep re-queues rows left QUEUED for long (the process that
 * created them died before queueing); the worker's claim makes a duplicate command harmless. Last,
 * campaigns whose time has come start fanning out, and campaigns still fanning out continue — a bounded
 * number of recipients per run, so a 50,000-customer audience spreads over a few minutes' runs.
 */
@ApplicationScoped
public class DueMessages {

    private static final Logger LOG = Logger.getLogger(DueMessages.class);

    @ConfigMapping(prefix = "gstcomms.due-messages")
    public interface Config {
        @WithDefault("500")
        int batch();

        /** A QUEUED row older than this has lost its command (retries back off at most 15 minutes). */
        @WithDefault("30M")
        Duration staleAfter();

        /** Stop taking new batches after this long, well inside the function's timeout. */
        @WithDefault("40S")
        Duration budget();

        /** Recipients one run fans out per campaign (the rest continue in the next minute's run). */
        @WithDefault("5000")
        int campaignRecipientsPerRun();
    }

    private static final String TAKE_DUE = """
            update notification set status = 'QUEUED', queued_at = now(), updated_at = now()
             where id in (select id from notification
                           where status = 'SCHEDULED' and scheduled_at <= :bound
                           order by scheduled_at limit :n for update skip locked)
            returning id""";

    private static final String TAKE_STALE = """
            update notification set queued_at = now(), updated_at = now()
             where id in (select id from notification
                           where status = 'QUEUED' and queued_at < :bound
                           order by queued_at limit :n for update skip locked)
            returning id""";

    private static final String DUE_CAMPAIGNS = """
            select shop_id, id from campaign where status = 'SCHEDULED' and scheduled_at <= :now
             order by scheduled_at limit 50""";

    private final Notifier notifier;
    private final CampaignFanOut campaigns;
    private final Config config;

    DueMessages(Notifier notifier, CampaignFanOut campaigns, Config config) {
        this.notifier = notifier;
        this.campaigns = campaigns;
        this.config = config;
    }

    public RunSummary run(Instant now) {
        // The run's time budget is elapsed time (System.nanoTime), not the clock: a test's fixed clock never advances.
        long deadline = System.nanoTime() + config.budget().toNanos();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int queued = drain(TAKE_DUE, at, deadline);
        int requeued = drain(TAKE_STALE, at.minus(config.staleAfter()), deadline);
        int advanced = advanceCampaigns(at, deadline);
        return new RunSummary("due-messages", at.toString(), 0, 0, queued, requeued, advanced);
    }

    /** Starts due campaigns and continues unfinished fan-outs; one campaign's failure skips only it. */
    private int advanceCampaigns(OffsetDateTime at, long deadline) {
        List<CampaignFanOut.Unfinished> work = new ArrayList<>(inTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(DUE_CAMPAIGNS, Object[].class).setParameter("now", at).getResultList()))
                .stream()
                .map(r -> new CampaignFanOut.Unfinished(((Number) r[0]).longValue(), ((Number) r[1]).longValue()))
                .toList());
        work.addAll(campaigns.unfinished(50));
        int advanced = 0;
        for (CampaignFanOut.Unfinished campaign : work.stream().distinct().toList()) {
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            try {
                campaigns.run(campaign.shopId(), campaign.campaignId(), config.campaignRecipientsPerRun());
                advanced++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Campaign %d of shop %d could not advance", campaign.campaignId(), campaign.shopId());
            }
        }
        return advanced;
    }

    private int drain(String sql, OffsetDateTime bound, long deadline) {
        int total = 0;
        while (System.nanoTime() - deadline < 0) {
            List<Notification> taken = inTransaction(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery(sql, Long.class)
                            .setParameter("bound", bound)
                            .setParameter("n", config.batch()).getResultList())
                    .chain(ids -> ids.isEmpty()
                            ? io.smallrye.mutiny.Uni.createFrom().item(List.<Notification>of())
                            : Notification.<Notification>list("id in ?1", ids)));
            notifier.enqueue(taken);
            total += taken.size();
            if (taken.size() < config.batch()) {
                break;
            }
        }
        return total;
    }
}
