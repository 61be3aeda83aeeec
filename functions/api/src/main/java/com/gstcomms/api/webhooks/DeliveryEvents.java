package com.gstcomms.api.webhooks;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Suppression;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.gstcomms.runtime.data.NotificationStatus.BOUNCED;
import static com.gstcomms.runtime.data.NotificationStatus.CLICKED;
import static com.gstcomms.runtime.data.NotificationStatus.DELIVERED;
import static com.gstcomms.runtime.data.NotificationStatus.FAILED;
import static com.gstcomms.runtime.data.NotificationStatus.OPENED;
import static com.gstcomms.runtime.data.NotificationStatus.QUEUED;
import static com.gstcomms.runtime.data.NotificationStatus.READ;
import static com.gstcomms.runtime.data.NotificationStatus.SCHEDULED;
import static com.gstcomms.runtime.data.NotificationStatus.SENDING;
import static com.gstcomms.runtime.data.NotificationStatus.SENT;
import static com.gstcomms.runtime.data.NotificationStatus.UNDELIVERED;

/**
 * Applies provider events to notifications: each event is stored once (unique provider event id), and a
 * status only ever moves forward — SENT → DELIVERED → OPENED → CLICKED (email) or → READ (WhatsApp);
 * FAILED/BOUNCED/UNDELIVERED only before delivery. Webhooks arrive out of order and more than once (both
 * providers say so), so a late "sent" after "read", or a replay, changes nothing. The time of each step is
 * kept even when the status does not move (a late "delivered" still records when delivery happened).
 */
@ApplicationScoped
public class DeliveryEvents {

    /** One provider event about one notification. */
    public record Event(long shopId, long notificationId, String provider, String providerEventId, String type,
                        NotificationStatus moveTo, OffsetDateTime occurredAt, String detail, String payloadJson,
                        String errorCode) {
    }

    /** How far along a status is; failures rank with "not yet delivered". */
    static int rank(NotificationStatus s) {
        return switch (s) {
            case SCHEDULED, QUEUED -> 0;
            case SENDING -> 1;
            case SENT -> 2;
            case DELIVERED -> 3;
            case OPENED -> 4;
            case CLICKED, READ -> 5;
            case FAILED, BOUNCED, UNDELIVERED, SUPPRESSED, CANCELLED -> 99;
        };
    }

    private static final Set<NotificationStatus> PROGRESS = EnumSet.of(SCHEDULED, QUEUED, SENDING, SENT, DELIVERED,
            OPENED, CLICKED, READ);

    /** The statuses from which {@code target} is a step forward. */
    static Set<NotificationStatus> movesFrom(NotificationStatus target) {
        Set<NotificationStatus> from = EnumSet.noneOf(NotificationStatus.class);
        boolean failure = target == FAILED || target == BOUNCED || target == UNDELIVERED;
        for (NotificationStatus s : PROGRESS) {
            if (failure ? rank(s) < rank(DELIVERED) : rank(s) < rank(target)) {
                from.add(s);
            }
        }
        return from;
    }

    /**
     * Stores the event and moves the notification. Runs inside the caller's transaction.
     *
     * @return false when this event was seen before (nothing changed)
     */
    public Uni<Boolean> apply(Event e) {
        Uni<Long> seen = e.providerEventId() == null ? Uni.createFrom().item(0L)
                : NotificationEvent.count("provider = ?1 and providerEventId = ?2", e.provider(), e.providerEventId());
        return seen.chain(count -> {
            if (count > 0) {
                return Uni.createFrom().item(false);
            }
            NotificationEvent row = new NotificationEvent();
            row.shopId = e.shopId();
            row.notificationId = e.notificationId();
            row.type = e.type();
            row.provider = e.provider();
            row.providerEventId = e.providerEventId();
            row.occurredAt = e.occurredAt();
            row.detail = e.detail() == null || e.detail().length() <= 1000 ? e.detail() : e.detail().substring(0, 1000);
            row.payload = e.payloadJson() == null ? "{}" : e.payloadJson();
            return row.persist().chain(() -> move(e)).replaceWith(true);
        });
    }

    private Uni<Void> move(Event e) {
        if (e.moveTo() == null) {
            return Uni.createFrom().voidItem();
        }
        String timeField = switch (e.moveTo()) {
            case SENT -> "sentAt";
            case DELIVERED -> "deliveredAt";
            case OPENED -> "openedAt";
            case CLICKED -> "clickedAt";
            case READ -> "readAt";
            case FAILED, BOUNCED, UNDELIVERED -> "failedAt";
            default -> null;
        };
        Uni<Integer> status = Notification.update("status = :to, updatedAt = current_timestamp"
                        + (e.errorCode() != null ? ", errorCode = :code, errorMessage = :message" : "")
                        + " where id = :id and shopId = :shopId and status in :from",
                withError(Parameters.with("to", e.moveTo()).and("from", movesFrom(e.moveTo()))
                        .and("id", e.notificationId()).and("shopId", e.shopId()), e));
        if (timeField == null) {
            return status.replaceWithVoid();
        }
        // Reading implies delivery; a click implies an open (providers do not always send each step).
        List<String> fields = switch (e.moveTo()) {
            case READ -> List.of("deliveredAt", "readAt");
            case CLICKED -> List.of("openedAt", "clickedAt");
            case OPENED -> List.of("openedAt");
            default -> List.of(timeField);
        };
        Uni<Integer> chain = status;
        for (String field : fields) {
            chain = chain.chain(() -> Notification.update(field + " = :at where id = :id and shopId = :shopId and "
                    + field + " is null", Parameters.with("at", e.occurredAt()).and("id", e.notificationId())
                    .and("shopId", e.shopId())));
        }
        return chain.replaceWithVoid();
    }

    private static Parameters withError(Parameters p, Event e) {
        if (e.errorCode() != null) {
            p.and("code", e.errorCode()).and("message", e.detail() == null ? null
                    : e.detail().length() <= 1000 ? e.detail() : e.detail().substring(0, 1000));
        }
        return p;
    }

    /** Adds the address to the shop's suppression list once (unsubscribe, hard bounce, complaint, STOP). */
    public Uni<Void> suppress(long shopId, Channel channel, String address, Suppression.Reason reason, String source) {
        String normalised = channel == Channel.EMAIL ? address.strip().toLowerCase(Locale.ROOT) : address.strip();
        return Suppression.findFor(shopId, channel, normalised).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Suppression row = new Suppression();
            row.shopId = shopId;
            row.channel = channel;
            row.address = normalised;
            row.reason = reason;
            row.source = source;
            return row.persist().replaceWithVoid();
        });
    }
}
