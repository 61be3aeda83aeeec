package com.gstcomms.api.bulk;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Filters;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.BulkOperation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * {@code POST /v1/exports}: records the export as a PENDING bulk operation (type EXPORT_CUSTOMERS,
 * EXPORT_INVOICES or EXPORT_NOTIFICATIONS; {@code parameters.filters} as given and checked; output at
 * {@code exports/{shop}/{operation}.csv}). The csv function writes the file and completes the operation;
 * the client polls {@code GET /v1/bulk-operations/{id}} for {@code outputUrl}. See README "Hand-offs".
 */
@Path("/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExportsResource {

    public enum ExportType { CUSTOMERS, INVOICES, NOTIFICATIONS }

    /** Filters each export understands (names as in the matching list call). */
    static final Map<ExportType, Set<String>> FILTERS = Map.of(
            ExportType.CUSTOMERS, Set.of("tag", "emailOptIn", "whatsappOptIn", "search", "createdFrom", "createdTo"),
            ExportType.INVOICES, Set.of("status", "customerId", "orderRef", "from", "to"),
            ExportType.NOTIFICATIONS, Set.of("status", "channel", "kind", "campaignId", "customerId", "from", "to"));

    private final CurrentCaller caller;
    private final AuditTrail audit;
    private final IdempotentRequests idempotent;
    private final BulkJobStarter jobs;

    public ExportsResource(CurrentCaller caller, AuditTrail audit, IdempotentRequests idempotent, BulkJobStarter jobs) {
        this.jobs = jobs;
        this.caller = caller;
        this.audit = audit;
        this.idempotent = idempotent;
    }

    static final int MAX_FILTER_TEXT = 100;

    @RegisterForReflection
    public record StartExport(String type, Map<String, Object> filters) {
    }

    @POST
    @Allowed(STAFF)
    public Response start(StartExport body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        ExportType type = errors.oneOf("type", errors.required("type", body == null ? null : body.type()), ExportType.class);
        Map<String, Object> filters = body == null || body.filters() == null ? Map.of() : body.filters();
        if (type != null) {
            for (var filter : filters.entrySet()) {
                String field = "filters." + (filter.getKey().length() > 40 ? filter.getKey().substring(0, 40) + "…" : filter.getKey());
                if (!FILTERS.get(type).contains(filter.getKey())) {
                    errors.add(field, "unknown filter for " + type + " exports; known: " + FILTERS.get(type));
                } else if (List.of("emailOptIn", "whatsappOptIn").contains(filter.getKey())) {
                    if (!(filter.getValue() instanceof Boolean)) {
                        errors.add(field, field + " must be true or false");
                    }
                } else if (List.of("customerId", "campaignId").contains(filter.getKey())) {
                    // Whole and positive: JSON reads 1E+30 as a Double, 123…(20 digits) as a BigInteger.
                    if (!(filter.getValue() instanceof Integer || filter.getValue() instanceof Long)
                            || ((Number) filter.getValue()).longValue() <= 0) {
                        errors.add(field, field + " must be an id");
                    }
                } else if (!(filter.getValue() instanceof String)) {
                    errors.add(field, field + " must be text");
                } else if (errors.maxLength(field, (String) filter.getValue(), MAX_FILTER_TEXT) == null) {
                    continue; // too long, or a NUL (jsonb cannot hold one): the error is recorded
                } else if (List.of("from", "to", "createdFrom", "createdTo").contains(filter.getKey())) {
                    if (type == ExportType.INVOICES) {
                        errors.parse(field, (String) filter.getValue(), text -> {
                            try {
                                return java.time.LocalDate.parse(text);
                            } catch (java.time.DateTimeException e) {
                                throw new IllegalArgumentException(field + " must be a date like 2026-11-25");
                            }
                        });
                    } else {
                        errors.parse(field, (String) filter.getValue(), Filters::parseTime);
                    }
                }
            }
        }
        errors.throwIfAny();
        Caller who = caller.get();
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/exports", body, () -> {
            BulkOperation op = inTransaction(() -> {
                BulkOperation row = new BulkOperation();
                row.shopId = who.shopId();
                row.type = "EXPORT_" + type.name();
                row.createdBy = who.actor();
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("exportType", type.name());
                parameters.put("filters", filters);
                row.parameters = Json.write(parameters);
                return row.<BulkOperation>persist()
                        .invoke(saved -> saved.outputKey = "exports/" + saved.shopId + "/" + saved.id + ".csv")
                        .call(saved -> audit.record(who, "export.start", "bulk_operation", saved.id,
                                Map.of("type", type.name())));
            });
            BulkJobs.start(jobs, op);
            return new IdempotentRequests.Answer(202, BulkOperationView.of(op, null, null));
        });
    }
}
