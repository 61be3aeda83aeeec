package com.gstcomms.api.webhooks;

import com.gstcomms.api.auth.Unauthenticated;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The unsubscribe link of bulk messages ({@link UnsubscribeLinks}: signed token naming shop, channel and
 * address). POST is RFC 8058 one-click (mail clients post {@code List-Unsubscribe=One-Click}, no page);
 * GET is a person following the link in the body and gets a short page. Either way the address is
 * suppressed for that shop and channel at once, and the customer's opt-in is cleared. Repeats are harmless.
 */
@Path("/v1/unsubscribe/{token}")
@Unauthenticated
public class UnsubscribeResource {

    private final UnsubscribeLinks links;
    private final DeliveryEvents events;
    private final AuditTrail audit;

    public UnsubscribeResource(UnsubscribeLinks links, DeliveryEvents events, AuditTrail audit) {
        this.links = links;
        this.events = events;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response oneClick(@PathParam("token") String token) {
        return unsubscribe(token) ? Response.ok().build() : Response.status(404).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("token") String token) {
        boolean done = unsubscribe(token);
        String text = done ? "You are unsubscribed. You will not get these messages from this shop any more."
                : "This unsubscribe link is not valid. If you keep getting messages, reply to one and ask the shop to stop.";
        return Response.status(done ? 200 : 404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Unsubscribe</title>"
                        + "<body style=\"font-family:sans-serif;max-width:32rem;margin:3rem auto\"><p>" + text + "</p></body></html>")
                .build();
    }

    private boolean unsubscribe(String token) {
        if (!links.configured()) {
            return false;
        }
        var target = links.verify(token);
        if (target.isEmpty()) {
            return false;
        }
        var u = target.get();
        return inTransaction(() -> Shop.<Shop>findById(u.shopId()).chain(shop -> {
            if (shop == null) {
                return Uni.createFrom().item(false);
            }
            Channel channel = u.channel();
            String optIn = channel == Channel.EMAIL ? "emailOptIn" : "whatsappOptIn";
            String match = channel == Channel.EMAIL ? "lower(email) = ?2" : "phone = ?2";
            return events.suppress(u.shopId(), channel, u.address(), Suppression.Reason.UNSUBSCRIBED, "unsubscribe-link")
                    .chain(() -> Customer.update(optIn + " = false, updatedAt = ?3 where shopId = ?1 and " + match,
                            u.shopId(), u.address(), OffsetDateTime.now()))
                    .call(() -> audit.record(u.shopId(), "RECIPIENT", "unsubscribe-link", "suppression.unsubscribe",
                            "suppression", channel.name(), Map.of("channel", channel.name())))
                    .replaceWith(true);
        }));
    }
}
