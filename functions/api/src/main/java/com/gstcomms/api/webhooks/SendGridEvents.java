package com.gstcomms.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Suppression;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * SendGrid Event Webhook batches: each event names its notification through the custom_args the email
 * function set ({@code notificationId}, {@code shopId}; SendGrid returns them as top-level keys). Events
 * are applied one by one, each in its own transaction, so one odd event cannot lose the rest.
 */
@ApplicationScoped
public class SendGridEvents {

    private static final Logger LOG = Logger.getLogger(SendGridEvents.class);
    static final String PROVIDER = "SENDGRID";

    private final DeliveryEvents events;

    public SendGridEvents(DeliveryEvents events) {
        this.events = events;
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Outcome(int applied, int duplicates, int ignored) {
    }

    public Outcome accept(byte[] body) {
        JsonNode batch;
        try {
            batch = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw Problem.badRequest("The event batch is not JSON");
        }
        if (batch == null || !batch.isArray()) {
            throw Problem.badRequest("The event batch must be a JSON array");
        }
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        for (JsonNode event : batch) {
            Long shopId = number(event.path("shopId"));
            Long notificationId = number(event.path("notificationId"));
            String type = event.path("event").asText("");
            if (shopId == null || notificationId == null || type.isEmpty()) {
                // Mail this platform did not send (no custom_args): nothing of ours to update.
                ignored++;
                continue;
            }
            try {
                Boolean done = inTransaction(() -> Notification.<Notification>find("id = ?1 and shopId = ?2",
                        notificationId, shopId).firstResult().chain(n -> n == null ? Uni.createFrom().<Boolean>nullItem()
                        : events.apply(toEvent(n, type, event)).call(isNew -> isNew
                        ? sideEffects(n, type, event) : Uni.createFrom().voidItem())));
                if (done == null) {
                    ignored++;
                } else if (done) {
                    applied++;
                } else {
                    duplicates++;
                }
            } catch (RuntimeException e) {
                if (isDuplicateKey(e)) {
                    duplicates++;   // the same event in two concurrent posts: the other one stored it
                } else {
                    throw e;
                }
            }
        }
        return new Outcome(applied, duplicates, ignored);
    }

    private static DeliveryEvents.Event toEvent(Notification n, String type, JsonNode event) {
        NotificationStatus moveTo = switch (type) {
            case "delivered" -> NotificationStatus.DELIVERED;
            case "open" -> NotificationStatus.OPENED;
            case "click" -> NotificationStatus.CLICKED;
            // "blocked" bounces are temporary refusals; only real bounces end the message.
            case "bounce" -> "blocked".equals(event.path("type").asText()) ? NotificationStatus.FAILED : NotificationStatus.BOUNCED;
            case "dropped" -> NotificationStatus.FAILED;
            default -> null;   // processed, deferred, spamreport, unsubscribe, group_*: recorded only
        };
        String detail = firstText(event, "reason", "response", "url", "status");
        String errorCode = switch (type) {
            case "bounce", "dropped" -> "SENDGRID_" + type.toUpperCase(java.util.Locale.ROOT);
            default -> null;
        };
        long ts = event.path("timestamp").asLong(Instant.now().getEpochSecond());
        return new DeliveryEvents.Event(n.shopId, n.id, PROVIDER, event.path("sg_event_id").asText(null), type,
                moveTo, OffsetDateTime.ofInstant(Instant.ofEpochSecond(ts), ZoneOffset.UTC), detail, event.toString(),
                errorCode);
    }

    /** Bounces, spam reports and unsubscribes keep the address off future sends of this shop. */
    private Uni<Void> sideEffects(Notification n, String type, JsonNode event) {
        String email = event.path("email").asText(n.recipient);
        Suppression.Reason reason = switch (type) {
            case "bounce" -> "blocked".equals(event.path("type").asText()) ? null : Suppression.Reason.HARD_BOUNCE;
            case "spamreport" -> Suppression.Reason.COMPLAINT;
            case "unsubscribe", "group_unsubscribe" -> Suppression.Reason.UNSUBSCRIBED;
            default -> null;
        };
        if (reason == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> suppressed = events.suppress(n.shopId, Channel.EMAIL, email, reason, "sendgrid:" + type);
        if (reason == Suppression.Reason.HARD_BOUNCE || n.customerId == null) {
            return suppressed;
        }
        return suppressed.chain(() -> Customer.update("emailOptIn = false, updatedAt = current_timestamp where id = ?1 and shopId = ?2",
                n.customerId, n.shopId)).replaceWithVoid();
    }

    private static Long number(JsonNode node) {
        if (node.canConvertToLong() && node.isNumber()) {
            return node.asLong();
        }
        try {
            return node.isTextual() ? Long.valueOf(node.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstText(JsonNode event, String... fields) {
        for (String f : fields) {
            if (event.hasNonNull(f)) {
                return event.get(f).asText();
            }
        }
        return null;
    }

    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("notification_event_dedup_uq")) {
                return true;
            }
        }
        LOG.debugf("not a duplicate: %s", e.toString());
        return false;
    }
}
