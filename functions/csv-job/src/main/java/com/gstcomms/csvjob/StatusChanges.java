package com.gstcomms.csvjob;

import com.gstcomms.bulk.BulkOperations;
import com.gstcomms.bulk.CsvConfig;
import com.gstcomms.bulk.ErrorReports;
import com.gstcomms.bulk.JsonRows;
import com.gstcomms.bulk.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.work.BulkProgress;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Bulk status change of invoices (for example → PAID) from a list of ids: the operation's parameters are
 * {@code {"ids":[…], "status":"PAID"}}. Ids are changed in batches (each batch one transaction and one
 * progress unit, so a re-run skips the batches done), one statement per batch that changes the allowed
 * invoices and writes an audit row per change. An id of another shop, an unknown id or a change the
 * invoice's state does not allow (a PAID invoice cannot be CANCELLED: that needs a credit note) is
 * reported in the error report with its position in the list; an invoice already in the status counts
 * as done and gets no audit row (nothing changed).
 */
@ApplicationScoped
class StatusChanges {

    /** Which statuses an invoice may move to each status from. */
    static final Map<Invoice.Status, Set<Invoice.Status>> ALLOWED_FROM = Map.of(
            Invoice.Status.PAID, EnumSet.of(Invoice.Status.ISSUED, Invoice.Status.SENT, Invoice.Status.PARTIALLY_PAID,
                    Invoice.Status.OVERDUE),
            Invoice.Status.PARTIALLY_PAID, EnumSet.of(Invoice.Status.ISSUED, Invoice.Status.SENT, Invoice.Status.OVERDUE),
            Invoice.Status.OVERDUE, EnumSet.of(Invoice.Status.ISSUED, Invoice.Status.SENT, Invoice.Status.PARTIALLY_PAID),
            Invoice.Status.SENT, EnumSet.of(Invoice.Status.ISSUED),
            Invoice.Status.ISSUED, EnumSet.of(Invoice.Status.DRAFT),
            Invoice.Status.CANCELLED, EnumSet.of(Invoice.Status.DRAFT, Invoice.Status.ISSUED, Invoice.Status.SENT,
                    Invoice.Status.OVERDUE));

    static final int MAX_IDS = 100_000;

    private static final String CHANGE = """
            with wanted as (
                select * from json_to_recordset(cast(cast(:rows as text) as json)) as t(pos integer, id bigint)
            ),
            found as (
                select w.pos, w.id, i.status as old
                  from wanted w left join invoice i on i.id = w.id and i.shop_id = :shopId
            ),
            changed as (
                update invoice i
                   set status = :target,
                       amount_paid_paise = case when :target = 'PAID' then i.grand_total_paise else i.amount_paid_paise end,
                       updated_at = now()
                 where i.shop_id = :shopId and i.id in (select id from wanted)
                   and i.status in (select a.s from json_to_recordset(cast(cast(:allowed as text) as json)) as a(s text))
                returning i.id
            ),
            audit as (
                insert into audit_log (id, shop_id, actor_type, actor, action, target_type, target_id, details, at)
                select nextval('audit_log_seq'), :shopId, 'SYSTEM', :actor, 'invoice.status_changed', 'INVOICE',
                       cast(ch.id as text),
                       jsonb_build_object('from', (select f.old from found f where f.id = ch.id limit 1), 'to',
                                          cast(:target as text), 'bulkOperationId', cast(:op as bigint)),
                       now()
                  from changed ch
                returning 1
            )
            select f.pos, f.id, f.old, exists (select 1 from changed ch where ch.id = f.id) from found f order by f.pos""";

    private final BulkProgress progress;
    private final BulkOperations operations;
    private final ErrorReports reports;
    private final CsvConfig config;

    StatusChanges(BulkProgress progress, BulkOperations operations, ErrorReports reports, CsvConfig config) {
        this.progress = progress;
        this.operations = operations;
        this.reports = reports;
        this.config = config;
    }

    BulkJobOutcome run(BulkOperation op) {
        long shopId = op.shopId;
        String reportKey = "exports/" + shopId + "/" + op.id + "-errors.csv";
        if (op.status.finished()) {
            reports.finish(shopId, op.id, reportKey);
            return new BulkJobOutcome(op.id, op.status.name(), op.total == null ? 0 : op.total, op.succeeded, op.failed,
                    null, null, "already finished");
        }
        Request request;
        try {
            request = request(BulkOperations.parameters(op));
        } catch (IllegalArgumentException bad) {
            inTransaction(() -> operations.fail(shopId, op.id, bad.getMessage()));
            return BulkJobOutcome.of(op.id, "FAILED", bad.getMessage());
        }
        inTransaction(() -> operations.setTotal(shopId, op.id, request.ids().size()));
        String actor = op.createdBy == null || op.createdBy.isBlank() ? "bulk-operation:" + op.id : op.createdBy;
        String allowed = allowedJson(request.target());
        int batch = config.statusBatch();
        Optional<String> status = Optional.empty();
        for (int start = 0, unit = 1; start < request.ids().size(); start += batch, unit++) {
            List<Long> ids = request.ids().subList(start, Math.min(start + batch, request.ids().size()));
            int first = start;
            int u = unit;
            JsonRows rows = new JsonRows();
            for (int i = 0; i < ids.size(); i++) {
                rows.row().put("pos", (long) (first + i + 1)).put("id", ids.get(i));
            }
            String json = rows.json();
            Optional<String> after = inTransaction(() -> progress.claim(shopId, op.id, u, config.jobLease())
                    .chain(claimed -> !claimed ? Uni.createFrom().item(Optional.<String>empty())
                            : Sql.rows(CHANGE, Map.of("rows", json, "shopId", shopId, "target", request.target().name(),
                                    "allowed", allowed, "actor", actor, "op", op.id))
                            .chain(result -> {
                                List<RowProblem> problems = problems(result, request.target());
                                return reports.record(shopId, op.id, problems)
                                        .chain(() -> progress.complete(shopId, op.id, u, ids.size() - problems.size(),
                                                problems.size()));
                            })));
            if (after.isPresent()) {
                status = after;
            }
        }
        reports.finish(shopId, op.id, reportKey);
        BulkOperation done = inSession(() -> operations.find(shopId, op.id));
        return new BulkJobOutcome(op.id, done.status.name(), request.ids().size(), done.succeeded, done.failed,
                null, null, status.isEmpty() ? "every batch had been done already" : null);
    }

    private static List<RowProblem> problems(List<Object[]> result, Invoice.Status target) {
        List<RowProblem> problems = new ArrayList<>();
        for (Object[] r : result) {
            int position = Sql.intValue(r[0]);
            String id = Sql.text(r[1]);
            String old = r[2] == null ? null : r[2].toString();
            boolean changed = Boolean.TRUE.equals(r[3]);
            if (changed || target.name().equals(old)) {
                continue;
            }
            problems.add(new RowProblem(position, "id", id, old == null
                    ? "Invoice " + id + " does not exist in this shop."
                    : "Invoice " + id + " is " + old + " and cannot be marked " + target + "."));
        }
        return problems;
    }

    record Request(List<Long> ids, Invoice.Status target) {
    }

    static Request request(JsonNode parameters) {
        String entity = parameters.path("entity").asText("INVOICE");
        if (!entity.equalsIgnoreCase("INVOICE")) {
            throw new IllegalArgumentException("Bulk status change works on invoices, not '" + entity + "'.");
        }
        Invoice.Status target;
        try {
            target = Invoice.Status.valueOf(parameters.path("status").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'status' must be one of " + ALLOWED_FROM.keySet() + ", found '"
                    + parameters.path("status").asText("") + "'.");
        }
        if (!ALLOWED_FROM.containsKey(target)) {
            throw new IllegalArgumentException("Invoices cannot be changed to " + target + " in bulk.");
        }
        JsonNode ids = parameters.path("ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw new IllegalArgumentException("'ids' must be a non-empty list of invoice ids.");
        }
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("At most " + MAX_IDS + " invoices can be changed at once, found "
                    + ids.size() + ".");
        }
        List<Long> list = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.canConvertToLong() || id.asLong() <= 0) {
                throw new IllegalArgumentException("'ids' must hold invoice ids, found " + id + ".");
            }
            list.add(id.asLong());
        }
        return new Request(List.copyOf(list), target);
    }

    private static String allowedJson(Invoice.Status target) {
        JsonRows rows = new JsonRows();
        ALLOWED_FROM.get(target).forEach(s -> rows.row().put("s", s.name()));
        return rows.json();
    }
}
