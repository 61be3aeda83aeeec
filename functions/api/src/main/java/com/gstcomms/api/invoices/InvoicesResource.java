package com.gstcomms.api.invoices;

import com.gstcomms.core.invoice.InvoiceFileName;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.Filters;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

@Path("/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvoicesResource {

    static final Duration LINK_TTL = Duration.ofMinutes(15);

    private final CurrentCaller caller;
    private final InvoiceIssuing issuing;
    private final IdempotentRequests idempotent;
    private final ObjectStore store;
    private final AuditTrail audit;
    private final ApiConfig config;

    private final Clock clock;

    public InvoicesResource(CurrentCaller caller, InvoiceIssuing issuing, IdempotentRequests idempotent,
                            ObjectStore store, AuditTrail audit, ApiConfig config, Clock clock) {
        this.caller = caller;
        this.issuing = issuing;
        this.idempotent = idempotent;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Issues the invoice (201) and queues its PDF; {@code deliverVia} also sends it once rendered. */
    @POST
    @Allowed(STAFF)
    public Response issue(IssueInvoice body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller who = caller.get();
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/invoices", body, () -> {
            Invoice invoice = issuing.issue(who, body);
            return new IdempotentRequests.Answer(201, InvoiceView.of(invoice, null, true));
        });
    }

    @GET
    @Allowed(VIEWER)
    public Page<InvoiceView> list(@QueryParam("orderRef") String orderRef, @QueryParam("customerId") Long customerId,
                                  @QueryParam("status") String status, @QueryParam("number") String number,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit, config.maxPageSize());
        Filters filters = new Filters(caller.shopId(), cursor)
                .eq("orderRef", "orderRef", orderRef)
                .eq("customerId", "customerId", customerId)
                .enumEq("status", "status", status, Invoice.Status.class)
                .eq("number", "number", number)
                .date("issueDate", "from", ">=", from)
                .date("issueDate", "to", "<=", to);
        List<Invoice> rows = inSession(() -> Invoice.<Invoice>find(filters.query(), filters.params()).range(0, size).list());
        return Page.of(rows, size, i -> i.id, i -> InvoiceView.of(i, null, false));
    }

    @GET
    @Path("/{id}")
    @Allowed(VIEWER)
    public InvoiceView get(@PathParam("id") long id) {
        Invoice invoice = find(caller.shopId(), id, true);
        return InvoiceView.of(invoice, pdfUrl(invoice), true);
    }

    @RegisterForReflection
    public record SendInvoice(List<String> deliverVia) {
    }

    @RegisterForReflection
    public record SendAccepted(long invoiceId, String number, List<Channel> deliverVia, String status) {
    }

    /** Renders the PDF (again) and delivers it on the channels asked (default EMAIL); 202. */
    @POST
    @Path("/{id}/send")
    @Allowed(STAFF)
    public Response send(@PathParam("id") long id, SendInvoice body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller who = caller.get();
        List<Channel> channels = InvoiceIssuing.channels(body == null || body.deliverVia() == null
                ? List.of("EMAIL") : body.deliverVia());
        if (channels.isEmpty()) {
            throw Problem.invalid("deliverVia", "name at least one channel: EMAIL or WHATSAPP");
        }
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/invoices/" + id + "/send", body, () -> {
            Invoice invoice = inTransaction(() -> Invoice.<Invoice>find("id = ?1 and shopId = ?2", id, who.shopId())
                    .firstResult()
                    .onItem().ifNull().failWith(() -> Problem.notFound("Invoice", id))
                    .call(i -> {
                        if (i.status == Invoice.Status.CANCELLED) {
                            throw Problem.unprocessable("Invoice " + i.number + " is cancelled and cannot be sent");
                        }
                        return audit.record(who, "invoice.send", "invoice", i.id,
                                Map.of("deliverVia", channels.stream().map(Enum::name).toList()));
                    }));
            try {
                issuing.render(invoice, channels);
            } catch (RuntimeException e) {
                throw InvoiceIssuing.queueDown(invoice, e);
            }
            return new IdempotentRequests.Answer(202, new SendAccepted(invoice.id, invoice.number, channels, "QUEUED"));
        });
    }

    @RegisterForReflection
    public record PdfLink(long invoiceId, String number, String pdfUrl, Instant expiresAt) {
    }

    /** A presigned link to the PDF (15 minutes); 409 while the PDF is still being rendered. */
    @GET
    @Path("/{id}/pdf")
    @Allowed(VIEWER)
    public PdfLink pdf(@PathParam("id") long id) {
        Invoice invoice = find(caller.shopId(), id, false);
        if (invoice.pdfKey == null) {
            throw Problem.conflict("The PDF of invoice " + invoice.number + " is not rendered yet; try again shortly "
                    + "or POST /v1/invoices/" + id + "/send");
        }
        return new PdfLink(invoice.id, invoice.number, pdfUrl(invoice), clock.instant().plus(LINK_TTL));
    }

    private String pdfUrl(Invoice invoice) {
        return invoice.pdfKey == null ? null : store.presignGet(invoice.pdfKey, LINK_TTL,
                Optional.of(InvoiceFileName.pdf(invoice.number))).toString();
    }

    static Invoice find(long shopId, long id, boolean withLines) {
        return inSession(() -> Invoice.<Invoice>find((withLines ? "from Invoice i left join fetch i.lines " : "from Invoice i ")
                        + "where i.id = ?1 and i.shopId = ?2", id, shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("Invoice", id)));
    }
}
