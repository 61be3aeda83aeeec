package com.gstcomms.runtime.campaign;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * A campaign's totals, recomputed from its notification rows so they always add up:
 * {@code total = queued + sent + failed + suppressed + skipped} once the fan-out has finished.
 *
 * <ul>
 *   <li>queued: SCHEDULED, QUEUED or SENDING (not yet accounted for);</li>
 *   <li>sent: the provider accepted it — SENT and every later delivery state, BOUNCED and UNDELIVERED
 *       included (delivery is analytics, not the campaign's send total);</li>
 *   <li>failed: FAILED or CANCELLED; suppressed: SUPPRESSED;</li>
 *   <li>skipped: kept by the fan-out (no notification was created for them).</li>
 * </ul>
 *
 * <p>Recomputing (rather than adding to counters) cannot double-count a redelivered message and heals
 * itself. The campaign row is locked first and the counts read by the next statement, so under READ
 * COMMITTED every status change committed before the lock is seen; a change committed later is
 * followed by its own refresh. A campaign becomes COMPLETED only when its fan-out has finished and
 * nothing is queued — never while a recipient is unaccounted for.
 *
 * <p>Call {@link #refresh} inside a transaction after a worker has finished a campaign's notifications
 * (the email function does it once per batch; the WhatsApp function should too).
 */
@ApplicationScoped
public class CampaignProgress {

    private static final String LOCK = "select id from campaign where id = :id and shop_id = :shopId for update";

    private static final String RECOUNT = """
            with counts as (
                select count(*) filter (where status in ('SCHEDULED', 'QUEUED', 'SENDING'))            as queued,
                       count(*) filter (where status in ('SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'READ',
                                                         'BOUNCED', 'UNDELIVERED'))                    as sent,
                       count(*) filter (where status in ('FAILED', 'CANCELLED'))                        as failed,
                       count(*) filter (where status = 'SUPPRESSED')                                   as suppressed
                  from notification where campaign_id = :id and shop_id = :shopId)
            update campaign c
               set queued = counts.queued, sent = counts.sent, failed = counts.failed,
                   suppressed = counts.suppressed, updated_at = now(),
                   status = case when c.status = 'RUNNING' and c.fanned_out_at is not null and counts.queued = 0
                                 then 'COMPLETED' else c.status end,
                   completed_at = case when c.status = 'RUNNING' and c.fanned_out_at is not null and counts.queued = 0
                                       then now() else c.completed_at end
              from counts
             where c.id = :id and c.shop_id = :shopId
            returning c.status""";

    /** Recounts the campaign; its status afterwards (COMPLETED once everyone is accounted for), or empty. */
    public Uni<Optional<String>> refresh(long shopId, long campaignId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK, Long.class)
                        .setParameter("id", campaignId).setParameter("shopId", shopId).getResultList()
                        .chain(locked -> locked.isEmpty()
                                ? Uni.createFrom().item(List.<String>of())
                                : session.createNativeQuery(RECOUNT, String.class)
                                        .setParameter("id", campaignId).setParameter("shopId", shopId).getResultList()))
                .map(rows -> rows.stream().findFirst());
    }
}
