package com.gstcomms.api.bulk;

import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.Filters;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.storage.ObjectStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

/** Progress of imports, exports and batch jobs: counts, percent, timings, links to output and errors. */
@Path("/v1/bulk-operations")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(VIEWER)
public class BulkOperationsResource {

    static final Duration LINK_TTL = Duration.ofMinutes(15);

    private final CurrentCaller caller;
    private final ObjectStore store;
    private final ApiConfig config;

    public BulkOperationsResource(CurrentCaller caller, ObjectStore store, ApiConfig config) {
        this.caller = caller;
        this.store = store;
        this.config = config;
    }

    @GET
    public Page<BulkOperationView> list(@QueryParam("type") String type, @QueryParam("status") String status,
                                        @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit, config.maxPageSize());
        Filters filters = new Filters(caller.shopId(), cursor)
                .eq("type", "type", type == null ? null : type.strip().toUpperCase(Locale.ROOT))
                .enumEq("status", "status", status, BulkOperation.Status.class);
        List<BulkOperation> rows = inSession(() -> BulkOperation.<BulkOperation>find(filters.query(), filters.params())
                .range(0, size).list());
        return Page.of(rows, size, op -> op.id, op -> BulkOperationView.of(op, null, null));
    }

    /** One operation; links are presigned only once the output or error report exists. */
    @GET
    @Path("/{id}")
    public BulkOperationView get(@PathParam("id") long id) {
        long shopId = caller.shopId();
        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("id = ?1 and shopId = ?2", id, shopId)
                .firstResult().onItem().ifNull().failWith(() -> Problem.notFound("Bulk operation", id)));
        return BulkOperationView.of(op, link(op.outputKey, op, "output"), link(op.errorReportKey, op, "errors"));
    }

    private String link(String key, BulkOperation op, String name) {
        if (key == null || store.head(key).isEmpty()) {
            return null;
        }
        String extension = key.contains(".") ? key.substring(key.lastIndexOf('.')) : "";
        return store.presignGet(key, LINK_TTL, Optional.of(op.type.toLowerCase(Locale.ROOT) + "-" + op.id + "-" + name
                + extension)).toString();
    }
}
