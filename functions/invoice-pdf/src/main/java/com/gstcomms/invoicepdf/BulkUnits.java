package com.gstcomms.invoicepdf;

import com.gstcomms.runtime.work.BulkProgress;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bulk operations a render belongs to, and their progress through {@link BulkProgress} (the one
 * way to count a unit of work exactly once).
 *
 * <p>Contract with whoever starts a bulk invoice operation (the API's {@code POST /v1/bulk/invoices}):
 * a {@code bulk_operation} row of type {@value #INVOICES} with {@code total} = the number of invoices and
 * {@code parameters = {"invoiceIds": [41, 42, …]}} (JSON numbers), then one {@code render-invoice}
 * command per id on the render queue. The unit of an invoice is its 1-based position in
 * {@code invoiceIds}. The render command itself carries no operation id (see README: proposed
 * {@code bulkOperationId} field), so the operation is found by the invoice: every PENDING or RUNNING
 * INVOICES operation of the shop that lists it. An invoice listed by two operations counts once in each.
 */
@ApplicationScoped
public class BulkUnits {

    public static final String INVOICES = "INVOICES";
    public static final String LABELS = "LABELS";
    /** A label job is one command and one PDF: one unit. */
    public static final int LABELS_UNIT = 1;

    private static final String UNITS_OF_INVOICE = """
            select cast(b.id as varchar) || ':' || cast(t.ord as varchar)
              from bulk_operation b
              cross join lateral jsonb_array_elements(coalesce(b.parameters -> 'invoiceIds', '[]'::jsonb))
                   with ordinality as t(value, ord)
             where b.shop_id = :shopId and b.type = 'INVOICES' and b.status in ('PENDING', 'RUNNING')
               and jsonb_typeof(t.value) = 'number' and t.value = to_jsonb(cast(:invoiceId as bigint))
             order by b.id""";

    private static final String APPEND_ERROR = """
            update bulk_operation
               set error_summary = left(case when error_summary is null or error_summary = '' then :line
                                             else error_summary || chr(10) || :line end, 2000),
                   updated_at = now()
             where id = :op and shop_id = :shopId""";

    /** A unit of a bulk operation. */
    public record Unit(long operationId, int unit) {
    }

    private final BulkProgress progress;

    public BulkUnits(BulkProgress progress) {
        this.progress = progress;
    }

    /** The units that stand for this invoice in open bulk invoice operations (run in a session). */
    public Uni<List<Unit>> ofInvoice(long shopId, long invoiceId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(UNITS_OF_INVOICE, String.class)
                        .setParameter("shopId", shopId)
                        .setParameter("invoiceId", invoiceId)
                        .getResultList())
                .map(rows -> rows.stream().map(r -> {
                    String[] parts = r.split(":");
                    return new Unit(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
                }).toList());
    }

    /** Claims each unit; returns the ones this worker now owns (run in a transaction). */
    public Uni<List<Unit>> claim(long shopId, List<Unit> units, Duration lease) {
        Uni<List<Unit>> claimed = Uni.createFrom().item(new ArrayList<>());
        for (Unit u : units) {
            claimed = claimed.chain(list -> progress.claim(shopId, u.operationId(), u.unit(), lease)
                    .map(ok -> {
                        if (ok) {
                            list.add(u);
                        }
                        return list;
                    }));
        }
        return claimed;
    }

    /** Completes each claimed unit with these counts, and appends the reason to the operation when given. */
    public Uni<Void> complete(long shopId, List<Unit> units, int succeeded, int failed, String reason) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Unit u : units) {
            done = done.chain(() -> progress.complete(shopId, u.operationId(), u.unit(), succeeded, failed))
                    .chain(status -> reason == null || status.isEmpty() ? Uni.createFrom().voidItem()
                            : appendError(shopId, u.operationId(), reason));
        }
        return done;
    }

    /** Gives claimed units back after a transient failure, so the retried command counts them. */
    public Uni<Void> release(long shopId, List<Unit> units) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Unit u : units) {
            done = done.chain(() -> progress.release(shopId, u.operationId(), u.unit())).replaceWithVoid();
        }
        return done;
    }

    public Uni<Void> appendError(long shopId, long operationId, String line) {
        return Panache.getSession().chain(s -> s.createNativeQuery(APPEND_ERROR)
                        .setParameter("line", line.length() > 500 ? line.substring(0, 500) + "…" : line)
                        .setParameter("op", operationId)
                        .setParameter("shopId", shopId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
