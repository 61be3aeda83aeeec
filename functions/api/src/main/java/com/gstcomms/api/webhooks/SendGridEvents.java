package com.gstcomms.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.gstcomms.runtime.work.Transactions.inSession;
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

    /** At most this many shops' keys are tried on one batch (a batch is one account's, so normally one shop). */
    static final int MAX_SHOPS_PER_BATCH = 20;

    private final DeliveryEvents events;
    private final WebhookSignatures signatures;
    private final Clock clock;

    public SendGridEvents(DeliveryEvents events, WebhookSignatures signatures, Clock clock) {
        this.events = events;
        this.signatures = signatures;
        this.clock = clock;
    }

    /**
     * A shop that sends through its own SendGrid account gets its events signed with that account's key,
     * which the shop stored as {@code sendgrid.eventWebhookKey} in its provider settings. The batch names its
     * shops (custom_args {@code shopId}); each named shop's key is tried, and only the shops whose key
     * verified the batch have their events applied: a batch signed with one shop's key cannot touch another
     * shop's notifications. Call only after the platform's key failed and the headers were checked.
     *
     * @return the shops whose own key signed this batch (empty: refuse it)
     */
    public Set<Long> signedByShopKeys(byte[] body, String signature, String timestamp) {
        JsonNode batch;
        try {
            batch = Json.mapper().readTree(body);
        } catch (IOException e) {
            return Set.of();
        }
        Set<Long> named = new LinkedHashSet<>();
        if (batch != null && batch.isArray()) {
            for (JsonNode event : batch) {
                Long shopId = number(event.path("shopId"));
                if (shopId != null && named.size() < MAX_SHOPS_PER_BATCH) {
                    named.add(shopId);
                }
            }
        }
        if (named.isEmpty()) {
            return Set.of();
        }
        List<ShopCredential> rows = inSession(() -> ShopCredential.<ShopCredential>find("provider = ?1 and shopId in ?2",
                ShopCredential.Provider.SENDGRID, List.copyOf(named)).list());
        Set<Long> signed = new LinkedHashSet<>();
        for (ShopCredential row : rows) {
            String key = Json.tree(row.settings).path(EVENT_WEBHOOK_KEY).asText("");
            if (key.isBlank()) {
                continue;
            }
            try {
                if (signatures.checkSendGrid(body, signature, timestamp, WebhookSignatures.sendGridKey(key)) == null) {
                    signed.add(row.shopId);
                }
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                LOG.warnf("shop %d: its SendGrid event webhook key is not an EC public key", row.shopId);
            }
        }
        return signed;
    }

    /** The settings key of a shop's SendGrid Event Webhook verification key (base64 X.509, public). */
    public static final String EVENT_WEBHOOK_KEY = "eventWebhookKey";

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Outcome(int applied, int duplicates, int ignored) {
    }

    /** Applies a batch signed with the platform's key: events of any shop. */
    public Outcome accept(byte[] body) {
        return accept(body, null);
    }

    /** Applies the events of {@code shops} only (null: any shop); events of other shops are ignored. */
    public Outcome accept(byte[] body, Set<Long> shops) {
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
            if (shopId == null || notificationId == null || type.isEmpty() || (shops != null && !shops.contains(shopId))) {
                // Mail this platform did not send (no custom_args), or another shop's mail than the key's owner.
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

    private DeliveryEvents.Event toEvent(Notification n, String type, JsonNode event) {
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
        long ts = event.path("timestamp").asLong(clock.instant().getEpochSecond());
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
