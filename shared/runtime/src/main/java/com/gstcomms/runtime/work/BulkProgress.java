package com.gstcomms.runtime.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Progress of a bulk operation, moved exactly once per unit of work (a CSV chunk, an invoice to render)
 * even when SQS delivers a command twice — the same claim-then-finish rule as notifications.
 *
 * <p>A unit is claimed (PENDING or absent → PROCESSING with a lease) before its effects and completed
 * (PROCESSING → DONE) in the same transaction as them; completing adds its counts to the operation and,
 * when processed reaches total, marks the operation COMPLETED (nothing failed), FAILED (nothing
 * succeeded) or COMPLETED_WITH_ERRORS (some of each). A unit that
 * failed transiently is released (→ PENDING) so the retried command can claim it again.
 */
@ApplicationScoped
public class BulkProgress {

    private static final String CLAIM = """
            insert into bulk_operation_chunk (bulk_operation_id, chunk_no, shop_id, status, lease_until, attempts)
            select :op, :unit, :shopId, 'PROCESSING', now() + :leaseSeconds * interval '1 second', 1
              from bulk_operation where id = :op and shop_id = :shopId
            on conflict (bulk_operation_id, chunk_no) do update
               set status = 'PROCESSING', lease_until = excluded.lease_until,
                   attempts = bulk_operation_chunk.attempts + 1, updated_at = now()
             where bulk_operation_chunk.status = 'PENDING'
                or (bulk_operation_chunk.status = 'PROCESSING' and bulk_operation_chunk.lease_until < now())
            returning chunk_no""";

    private static final String COMPLETE = """
            with done as (
                update bulk_operation_chunk
                   set status = 'DONE', rows_total = cast(:ok as integer) + cast(:bad as integer), succeeded = cast(:ok as integer), failed = cast(:bad as integer),
                       lease_until = null, updated_at = now()
                 where bulk_operation_id = :op and chunk_no = :unit and shop_id = :shopId and status = 'PROCESSING'
                returning 1)
            update bulk_operation
               set processed = processed + cast(:ok as integer) + cast(:bad as integer), succeeded = succeeded + cast(:ok as integer), failed = failed + cast(:bad as integer),
                   started_at = coalesce(started_at, now()), updated_at = now(),
                   status = case when total is not null and processed + cast(:ok as integer) + cast(:bad as integer) >= total
                                 then case when failed + cast(:bad as integer) = 0 then 'COMPLETED'
                                           when succeeded + cast(:ok as integer) = 0 then 'FAILED'
                                           else 'COMPLETED_WITH_ERRORS' end
                                 else 'RUNNING' end,
                   finished_at = case when total is not null and processed + cast(:ok as integer) + cast(:bad as integer) >= total
                                      then now() else finished_at end
             where id = :op and shop_id = :shopId and exists (select 1 from done)
            returning status""";

    private static final String RELEASE = """
            update bulk_operation_chunk set status = 'PENDING', lease_until = null, updated_at = now()
             where bulk_operation_id = :op and chunk_no = :unit and shop_id = :shopId and status = 'PROCESSING'""";

    /** True when this worker now owns the unit; false when it is done or another worker holds it. */
    public Uni<Boolean> claim(long shopId, long bulkOperationId, int unit, Duration lease) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, Integer.class)
                        .setParameter("op", bulkOperationId)
                        .setParameter("unit", unit)
                        .setParameter("shopId", shopId)
                        .setParameter("leaseSeconds", lease.toSeconds())
                        .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /**
     * Completes a claimed unit and moves the operation's counters by its figures.
     *
     * @return the operation's status afterwards, or empty when the unit was not this worker's to
     *         complete (already done: nothing moved)
     */
    public Uni<Optional<String>> complete(long shopId, long bulkOperationId, int unit, int succeeded, int failed) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COMPLETE, String.class)
                        .setParameter("op", bulkOperationId)
                        .setParameter("unit", unit)
                        .setParameter("shopId", shopId)
                        .setParameter("ok", succeeded)
                        .setParameter("bad", failed)
                        .getResultList())
                .map((List<String> rows) -> rows.stream().findFirst());
    }

    /** Gives a claimed unit back after a transient failure, so a retry can claim it. */
    public Uni<Boolean> release(long shopId, long bulkOperationId, int unit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RELEASE)
                        .setParameter("op", bulkOperationId)
                        .setParameter("unit", unit)
                        .setParameter("shopId", shopId)
                        .executeUpdate())
                .map(count -> count == 1);
    }
}
