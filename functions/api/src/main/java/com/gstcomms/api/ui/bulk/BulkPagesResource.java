package com.gstcomms.api.ui.bulk;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.bulk.BulkJobsResource;
import com.gstcomms.api.bulk.BulkOperationView;
import com.gstcomms.api.bulk.BulkOperationsResource;
import com.gstcomms.api.bulk.ExportsResource;
import com.gstcomms.api.bulk.ImportsResource;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.invoices.BulkInvoicing;
import com.gstcomms.api.ui.Pages;
import com.gstcomms.api.ui.UiPaths;
import com.gstcomms.core.money.Money;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

/**
 * The Bulk Operations Center: tabs Invoices, Labels, Import/Export and Status updates. Every action calls
 * the service behind the matching API call (same checks, same audit, same bulk operation) and answers
 * with the operation's live panel; the roles are the API's (a VIEWER sees everything and starts nothing).
 */
@Path(BulkPagesResource.ROOT)
@Produces(MediaType.TEXT_HTML)
public class BulkPagesResource {

    static final String ROOT = UiPaths.ROOT + "/bulk";
    /** How many items a selection table lists (newest first); the API takes any ids. */
    static final int LISTED = 200;
    static final int RECENT_OPERATIONS = 8;

    /** The tabs, their templates and the operation types whose panels each shows. */
    enum Tab {
        INVOICES("invoices", "Invoices", List.of("INVOICES")),
        LABELS("labels", "Labels", List.of("LABELS")),
        IMPORT_EXPORT("import-export", "Import / Export", List.of("IMPORT_CUSTOMERS", "IMPORT_ORDERS",
                "IMPORT_PRODUCTS", "EXPORT_CUSTOMERS", "EXPORT_INVOICES", "EXPORT_NOTIFICATIONS")),
        STATUS("status", "Status updates", List.of("STATUS"));

        final String path;
        final String title;
        final List<String> types;

        Tab(String path, String title, List<String> types) {
            this.path = path;
            this.title = title;
            this.types = types;
        }
    }

    /** A row of the invoice selection tables. */
    @TemplateData
    public record InvoiceRow(long id, String number, String orderRef, String recipient, String total, String status,
                             String issueDate) {
    }

    /** A row of the Labels tab: an invoice, and its parcel's status, courier, AWB and weight when it has one. */
    @TemplateData
    public record LabelRow(long id, String number, String orderRef, String recipient, String status,
                           String shipmentStatus, String courier, String awb, Integer weightGrams) {
    }

    /** Offered in the couriers' list (any other name can be typed). */
    static final List<String> COURIERS = List.of("Delhivery", "Blue Dart", "DTDC", "Ekart", "Xpressbees", "Shadowfax",
            "Ecom Express", "India Post", "Shiprocket");

    @TemplateData
    public record ShipmentRow(long id, String orderRef, String toName, String toPin, String awb, String status) {
    }

    private final Pages pages;
    private final CurrentCaller caller;
    private final BulkInvoicing invoicing;
    private final BulkJobsResource jobs;
    private final ImportsResource imports;
    private final ExportsResource exports;
    private final BulkOperationsResource operations;
    private final ObjectStore store;

    private final Clock clock;

    public BulkPagesResource(Pages pages, CurrentCaller caller, BulkInvoicing invoicing, BulkJobsResource jobs,
                             ImportsResource imports, ExportsResource exports, BulkOperationsResource operations,
                             ObjectStore store, Clock clock) {
        this.clock = clock;
        this.pages = pages;
        this.caller = caller;
        this.invoicing = invoicing;
        this.jobs = jobs;
        this.imports = imports;
        this.exports = exports;
        this.operations = operations;
        this.store = store;
    }

    @GET
    @Allowed(VIEWER)
    public Response home() {
        return Response.seeOther(URI.create(ROOT + "/" + Tab.INVOICES.path)).build();
    }

    // ---- the tabs ----

    @GET
    @Path("/invoices")
    @Allowed(VIEWER)
    public TemplateInstance invoicesTab() {
        return tab(Tab.INVOICES).data("invoices", invoiceRows());
    }

    @GET
    @Path("/labels")
    @Allowed(VIEWER)
    public TemplateInstance labelsTab() {
        return tab(Tab.LABELS).data("parcels", labelRows()).data("couriers", COURIERS);
    }

    @GET
    @Path("/import-export")
    @Allowed(VIEWER)
    public TemplateInstance importExportTab() {
        return tab(Tab.IMPORT_EXPORT)
                .data("importTypes", Arrays.stream(ImportsResource.ImportType.values()).map(Enum::name).toList())
                .data("exportTypes", Arrays.stream(ExportsResource.ExportType.values()).map(Enum::name).toList());
    }

    @GET
    @Path("/status")
    @Allowed(VIEWER)
    public TemplateInstance statusTab() {
        return tab(Tab.STATUS).data("invoices", invoiceRows()).data("shipments", shipmentRows())
                .data("invoiceStatuses", Arrays.stream(Invoice.Status.values()).map(Enum::name).toList());
    }

    private TemplateInstance tab(Tab tab) {
        long shopId = caller.shopId();
        List<BulkOperation> recent = inSession(() -> BulkOperation.<BulkOperation>find(
                "shopId = ?1 and type in ?2 order by id desc", shopId, tab.types).range(0, RECENT_OPERATIONS - 1).list());
        return pages.page("ui/bulk/" + tab.path, tab.title + " · Bulk Operations", "bulk", tab.path)
                .data("operations", recent.stream().map(op -> panel(op.id)).toList());
    }

    // ---- starting operations (STAFF, like the API calls they stand for) ----

    /** Generates the selected invoices' PDFs again and, with channels ticked, sends them (POST /v1/bulk/invoices). */
    @POST
    @Path("/invoices")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance generateInvoices(@FormParam("invoiceId") List<Long> invoiceIds,
                                             @FormParam("deliverVia") List<String> deliverVia) {
        List<Long> ids = selected(invoiceIds, "invoiceId", "invoice");
        BulkOperationView started = invoicing.run(caller.get(), null, ids, deliverVia == null ? List.of() : deliverVia);
        return operationFragment(started.id());
    }

    /**
     * One label PDF for the selected invoices' parcels, with the courier and AWB typed on each row
     * ({@code courier-{id}}, {@code awb-{id}}, {@code weight-{id}}; an empty courier takes {@code batchCourier})
     * (POST /v1/bulk/labels). Wrong or missing details answer 400 with each message next to its row.
     */
    @POST
    @Path("/labels")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response printLabels(MultivaluedMap<String, String> form) {
        LabelForm labels = LabelForm.read(form, selected(LabelForm.ticked(form), "invoiceId", "invoice"));
        try {
            return Response.ok(started(jobs.labels(labels.request(), null))).build();
        } catch (Problem problem) {
            List<LabelForm.RowErrors> rows = labels.rowErrors(problem);
            if (rows.isEmpty()) {
                throw problem;
            }
            return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(pages.fragment("ui/bulk/label-problems").data("problem", problem.body(ROOT + "/labels"))
                            .data("whole", false).data("rows", rows)).build();
        }
    }

    /** A bulk status change of the selected invoices or shipments (POST /v1/bulk/status). */
    @POST
    @Path("/status")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance changeStatus(@FormParam("entity") String entity, @FormParam("invoiceId") List<Long> invoiceIds,
                                         @FormParam("shipmentId") List<Long> shipmentIds,
                                         @FormParam("invoiceStatus") String invoiceStatus,
                                         @FormParam("shipmentStatus") String shipmentStatus) {
        boolean shipments = "SHIPMENT".equals(entity);
        List<Long> ids = shipments ? selected(shipmentIds, "shipmentId", "shipment") : selected(invoiceIds, "invoiceId", "invoice");
        return started(jobs.status(new BulkJobsResource.BulkStatus(shipments ? "SHIPMENT" : "INVOICE", ids,
                shipments ? shipmentStatus : invoiceStatus), null));
    }

    /** An export of the whole list of that kind (POST /v1/exports); the panel links the CSV when it is ready. */
    @POST
    @Path("/exports")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance export(@FormParam("type") String type) {
        return started(exports.start(new ExportsResource.StartExport(type, Map.of()), null));
    }

    /**
     * Starts an import (POST /v1/imports) and answers, as JSON for the page's drop zone, where to PUT the
     * file (straight to S3, with exactly these headers) and which panel to poll afterwards.
     */
    @POST
    @Path("/imports")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response startImport(@FormParam("type") String type, @FormParam("fileName") String fileName) {
        Response started = imports.start(new ImportsResource.StartImport(type, fileName), null);
        ImportsResource.ImportStarted upload = (ImportsResource.ImportStarted) started.getEntity();
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(Map.of(
                "operationId", upload.bulkOperationId(),
                "uploadUrl", upload.uploadUrl(),
                "uploadMethod", upload.uploadMethod(),
                "uploadHeaders", upload.uploadHeaders(),
                "panelUrl", ROOT + "/operations/" + upload.bulkOperationId())).build();
    }

    // ---- progress and failed rows (VIEWER) ----

    /** The live panel of one operation of this shop (another shop's id: 404, as in the API). */
    @GET
    @Path("/operations/{id}")
    @Allowed(VIEWER)
    public TemplateInstance operationFragment(@PathParam("id") long id) {
        return pages.fragment("ui/bulk/operation").data("panel", panel(id));
    }

    /** The failed rows of an operation, read from its error report in S3, as a table. */
    @GET
    @Path("/operations/{id}/errors")
    @Allowed(VIEWER)
    public TemplateInstance failedRows(@PathParam("id") long id) {
        long shopId = caller.shopId();
        BulkOperation op = inSession(() -> BulkOperation.<BulkOperation>find("id = ?1 and shopId = ?2", id, shopId)
                .firstResult().onItem().ifNull().failWith(() -> Problem.notFound("Bulk operation", id)));
        if (op.errorReportKey == null || store.head(op.errorReportKey).isEmpty()) {
            throw Problem.notFound("Error report of bulk operation", id);
        }
        return pages.fragment("ui/bulk/errors").data("id", id)
                .data("table", ErrorReportTable.parse(store.get(op.errorReportKey)));
    }

    private OperationPanel panel(long id) {
        return new OperationPanel(operations.get(id), OffsetDateTime.now(clock));
    }

    private TemplateInstance started(Response answer) {
        return operationFragment(((BulkOperationView) answer.getEntity()).id());
    }

    private static List<Long> selected(List<Long> ids, String field, String what) {
        List<Long> chosen = ids == null ? List.of() : ids.stream().filter(Objects::nonNull).distinct().toList();
        if (chosen.isEmpty()) {
            throw Problem.invalid(field, "select at least one " + what);
        }
        return chosen;
    }

    // ---- selection tables ----

    private List<Invoice> latestInvoices() {
        long shopId = caller.shopId();
        return inSession(() -> Invoice.<Invoice>find("shopId = ?1 order by id desc", shopId).range(0, LISTED - 1).list());
    }

    private List<InvoiceRow> invoiceRows() {
        return latestInvoices().stream().map(i -> new InvoiceRow(i.id, i.number, i.orderRef, i.recipientName,
                Money.ofPaise(i.grandTotalPaise).toString(), i.status.name(),
                i.issueDate == null ? "" : i.issueDate.toString())).toList();
    }

    private List<LabelRow> labelRows() {
        long shopId = caller.shopId();
        List<Invoice> invoices = latestInvoices();
        Map<Long, Shipment> shipments = invoices.isEmpty() ? Map.of()
                : inSession(() -> Shipment.<Shipment>find("shopId = ?1 and invoiceId in ?2", shopId,
                        invoices.stream().map(i -> i.id).toList()).list())
                .stream().collect(Collectors.toMap(s -> s.invoiceId, s -> s, (a, b) -> a));
        return invoices.stream().map(i -> {
            Shipment s = shipments.get(i.id);
            return s == null ? new LabelRow(i.id, i.number, i.orderRef, i.recipientName, i.status.name(), null, null, null, null)
                    : new LabelRow(i.id, i.number, i.orderRef, i.recipientName, i.status.name(), s.status, s.courier, s.awb,
                    s.weightGrams);
        }).toList();
    }

    private List<ShipmentRow> shipmentRows() {
        long shopId = caller.shopId();
        return inSession(() -> Shipment.<Shipment>find("shopId = ?1 order by id desc", shopId).range(0, LISTED - 1).list())
                .stream().map(s -> new ShipmentRow(s.id, s.orderRef, s.toName, s.toPin, s.awb, s.status)).toList();
    }
}
