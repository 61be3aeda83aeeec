package com.gstcomms.api.webhooks;

import com.gstcomms.api.auth.Unauthenticated;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import io.quarkus.qute.Engine;
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
import java.util.Optional;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The unsubscribe link of bulk messages ({@link UnsubscribeLinks}: signed token naming shop, channel and
 * address).
 *
 * <p>GET changes nothing: mail scanners and link previews follow every link in a message, so a GET that
 * unsubscribed took recipients off the list who never asked (RFC 8058 §1: "the act of following a link
 * ... must not be taken as an unsubscribe request"). It shows a page asking to confirm, whose form POSTs
 * back to the same URL. POST unsubscribes: that form, or RFC 8058 one-click (mail clients post
 * {@code List-Unsubscribe=One-Click}, no cookies, no page). The address is suppressed for that shop and
 * channel at once and the customer's opt-in is cleared; repeats are harmless.
 *
 * <p>The pages carry the token in their URL: no referrer leaves them, they are not cached, and no other
 * site may frame them (a framed confirm button could be clicked by a recipient who did not mean to).
 */
@Path("/v1/unsubscribe/{token}")
@Unauthenticated
public class UnsubscribeResource {

    private final UnsubscribeLinks links;
    private final DeliveryEvents events;
    private final AuditTrail audit;
    private final Engine engine;

    public UnsubscribeResource(UnsubscribeLinks links, DeliveryEvents events, AuditTrail audit, Engine engine) {
        this.links = links;
        this.events = events;
        this.audit = audit;
        this.engine = engine;
    }

    private enum State { ASK, ALREADY, DONE, INVALID }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    public Response unsubscribe(@PathParam("token") String token) {
        Optional<String> shop = unsubscribed(token);
        return page(shop.isPresent() ? State.DONE : State.INVALID, shop.orElse(null), null);
    }

    /** The confirmation page: reads the link and the suppression list, writes nothing. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@PathParam("token") String token) {
        var target = links.configured() ? links.verify(token) : Optional.<UnsubscribeLinks.Unsubscribe>empty();
        if (target.isEmpty()) {
            return page(State.INVALID, null, null);
        }
        var u = target.get();
        return inSession(() -> Shop.<Shop>findById(u.shopId()).chain(shop -> shop == null
                ? Uni.createFrom().item(page(State.INVALID, null, null))
                : Suppression.findFor(u.shopId(), u.channel(), u.address()).map(s -> page(
                        s != null && s.reason == Suppression.Reason.UNSUBSCRIBED ? State.ALREADY : State.ASK, name(shop), u))));
    }

    private Response page(State state, String shop, UnsubscribeLinks.Unsubscribe u) {
        String html = engine.getTemplate("unsubscribe/page").data("state", state.name()).data("shop", shop)
                .data("channel", u == null ? null : u.channel() == Channel.EMAIL ? "email" : "WhatsApp")
                .data("address", u == null ? null : u.address()).render();
        return Response.status(state == State.INVALID ? 404 : 200).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String name(Shop shop) {
        return shop.tradeName != null && !shop.tradeName.isBlank() ? shop.tradeName
                : shop.legalName != null && !shop.legalName.isBlank() ? shop.legalName : shop.shopDomain;
    }

    /** Suppresses the link's address; the shop's name when done, empty for a link that is not ours. */
    private Optional<String> unsubscribed(String token) {
        if (!links.configured()) {
            return Optional.empty();
        }
        var target = links.verify(token);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        var u = target.get();
        return inTransaction(() -> Shop.<Shop>findById(u.shopId()).chain(shop -> {
            if (shop == null) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            Channel channel = u.channel();
            String optIn = channel == Channel.EMAIL ? "emailOptIn" : "whatsappOptIn";
            String match = channel == Channel.EMAIL ? "lower(email) = ?2" : "phone = ?2";
            return events.suppress(u.shopId(), channel, u.address(), Suppression.Reason.UNSUBSCRIBED, "unsubscribe-link")
                    .chain(() -> Customer.update(optIn + " = false, updatedAt = ?3 where shopId = ?1 and " + match,
                            u.shopId(), u.address(), OffsetDateTime.now()))
                    .call(() -> audit.record(u.shopId(), "RECIPIENT", "unsubscribe-link", "suppression.unsubscribe",
                            "suppression", channel.name(), Map.of("channel", channel.name())))
                    .replaceWith(Optional.of(name(shop)));
        }));
    }
}
