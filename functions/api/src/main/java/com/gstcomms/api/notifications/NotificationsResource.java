package com.gstcomms.api.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.Filters;
import com.gstcomms.api.http.IdempotentRequests;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import com.gstcomms.runtime.data.NotificationStatus;
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

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

@Path("/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    private final CurrentCaller caller;
    private final NotificationSending sending;
    private final IdempotentRequests idempotent;
    private final ApiConfig config;

    public NotificationsResource(CurrentCaller caller, NotificationSending sending, IdempotentRequests idempotent,
                                 ApiConfig config) {
        this.caller = caller;
        this.sending = sending;
        this.idempotent = idempotent;
        this.config = config;
    }

    /** One message; 202 with its id and status. A repeated Idempotency-Key returns the first answer. */
    @POST
    @Allowed(STAFF)
    public Response send(SendNotification body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var who = caller.get();
        return idempotent.run(who.shopId(), idempotencyKey, "POST", "/v1/notifications", body,
                () -> new IdempotentRequests.Answer(202, sending.send(who, body, idempotencyKey)));
    }

    @GET
    @Allowed(VIEWER)
    public Page<NotificationView> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                       @QueryParam("kind") String kind, @QueryParam("campaignId") Long campaignId,
                                       @QueryParam("customerId") Long customerId, @QueryParam("invoiceId") Long invoiceId,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit, config.maxPageSize());
        Filters filters = new Filters(caller.shopId(), cursor)
                .enumEq("status", "status", status, NotificationStatus.class)
                .enumEq("channel", "channel", channel, Channel.class)
                .upper("kind", "kind", kind)
                .eq("campaignId", "campaignId", campaignId)
                .eq("customerId", "customerId", customerId)
                .eq("invoiceId", "invoiceId", invoiceId)
                .time("createdAt", "from", ">=", from)
                .time("createdAt", "to", "<", to);
        var rows = inSession(() -> Notification.<Notification>find(filters.query(), filters.params())
                .range(0, size).list());
        return Page.of(rows, size, n -> n.id, NotificationView::of);
    }

    /** One notification with its provider events, oldest first. */
    @GET
    @Path("/{id}")
    @Allowed(VIEWER)
    public NotificationView get(@PathParam("id") long id) {
        long shopId = caller.shopId();
        return inSession(() -> Notification.<Notification>find("id = ?1 and shopId = ?2", id, shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("Notification", id))
                .chain(n -> NotificationEvent.<NotificationEvent>find(
                                "notificationId = ?1 and shopId = ?2 order by occurredAt, id", n.id, shopId).list()
                        .map(events -> NotificationView.of(n, events))));
    }
}
