package com.gstcomms.api.bulk;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * {@code POST /v1/imports}: a bulk operation for the import and a presigned PUT URL for its CSV at
 * {@code imports/{shop}/{bulkOperationId}/source.csv}, the key the csv function's S3 trigger watches.
 * The import's id is its bulk operation's id.
 */
@Path("/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportsResource {

    public enum ImportType { CUSTOMERS, ORDERS, PRODUCTS }

    static final Duration UPLOAD_TTL = Duration.ofMinutes(30);
    public static final String CSV = "text/csv";

    private final CurrentCaller caller;
    private final ObjectStore store;
    private final AuditTrail audit;
    private final IdempotentRequests idempotent;

    public ImportsResource(CurrentCaller caller, ObjectStore store, AuditTrail audit, IdempotentRequests idempotent) {
        this.caller = caller;
        this.store = store;
        this.audit = audit;
        this.idempotent = idempotent;
    }

    @RegisterForReflection
    public record StartImport(String type, String fileName) {
    }

    /** The uploader must PUT the file with exactly {@code uploadHeaders} (Content-Type is signed). */
    @RegisterForReflection
    public record ImportStarted(long importId, long bulkOperationId, String type, String status, String uploadUrl,
                                String uploadMethod, Map<String, String> uploadHeaders, Instant expiresAt) {
    }

    @POST
    @Allowed(STAFF)
    public Response start(StartImport body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        ImportType type = errors.oneOf("type", errors.required("type", body == null ? null : body.type()), ImportType.class);
        String fileName = body == null ? null : errors.maxLength("fileName", body.fileName(), 255);
        errors.throwIfAny();
        Caller who = caller.get();
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/imports", body, () -> {
            BulkOperation op = inTransaction(() -> {
                BulkOperation row = new BulkOperation();
                row.shopId = who.shopId();
                row.type = "IMPORT_" + type.name();
                row.createdBy = who.actor();
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("importType", type.name());
                if (fileName != null) {
                    parameters.put("fileName", fileName);
                }
                row.parameters = Json.write(parameters);
                return row.<BulkOperation>persist()
                        .invoke(saved -> saved.inputKey = sourceKey(saved.shopId, saved.id))
                        .call(saved -> audit.record(who, "import.start", "bulk_operation", saved.id,
                                Map.of("type", type.name())));
            });
            ObjectStore.PresignedUpload upload = store.presignPut(op.inputKey, CSV, UPLOAD_TTL);
            return new IdempotentRequests.Answer(201, new ImportStarted(op.id, op.id, type.name(), op.status.name(),
                    upload.url().toString(), upload.method(), upload.headers(), upload.expiresAt()));
        });
    }

    /** docs/ARCHITECTURE.md "S3 keys": imports/{shop}/{import}/source.csv. */
    public static String sourceKey(long shopId, long importId) {
        return "imports/" + shopId + "/" + importId + "/source.csv";
    }
}
