package com.gstcomms.runtime.work;

import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * The one way a notification is sent at most once (CONVENTIONS.md "One way to be idempotent"): a worker
 * claims the row with a conditional update before calling the provider, and finishes it after.
 *
 * <p>A claim moves QUEUED → SENDING and sets a lease. A redelivered command finds the row SENDING with a
 * live lease, or already finished, and gets nothing; only a SENDING row whose lease ran out (its worker
 * died mid-send) can be claimed again. Finishing is conditional on SENDING too, so a late worker cannot
 * overwrite another's outcome.
 */
@ApplicationScoped
public class NotificationClaims {

    private static final String CLAIM = """
            update notification
               set status = 'SENDING', lease_until = now() + :leaseSeconds * interval '1 second',
                   attempts = attempts + 1, updated_at = now()
             where id = :id and shop_id = :shopId
               and (status = 'QUEUED' or (status = 'SENDING' and lease_until < now()))
            returning id""";

    /** The claimed row, or empty when another worker has it or it is already finished. */
    public Uni<Optional<Notification>> claim(long shopId, long notificationId, Duration lease) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, Long.class)
                        .setParameter("id", notificationId)
                        .setParameter("shopId", shopId)
                        .setParameter("leaseSeconds", lease.toSeconds())
                        .getResultList())
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(Optional.<Notification>empty())
                        : Notification.<Notification>findById(notificationId).map(Optional::ofNullable));
    }

    /** SENDING → SENT with the provider's message id. */
    public Uni<Boolean> markSent(long shopId, long notificationId, String provider, String providerMessageId) {
        return Notification.update("""
                        status = ?1, provider = ?2, providerMessageId = ?3, sentAt = current_timestamp,
                        leaseUntil = null, errorCode = null, errorMessage = null, updatedAt = current_timestamp
                        where id = ?4 and shopId = ?5 and status = ?6""",
                NotificationStatus.SENT, provider, providerMessageId, notificationId, shopId, NotificationStatus.SENDING)
                .map(count -> count == 1);
    }

    /** SENDING → FAILED or SUPPRESSED (final), with a reason that names the problem but never a secret. */
    public Uni<Boolean> markFinal(long shopId, long notificationId, NotificationStatus outcome,
                                  String provider, String errorCode, String errorMessage) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException(outcome + " is not a final status");
        }
        return Notification.update("""
                        status = ?1, provider = ?2, errorCode = ?3, errorMessage = ?4, failedAt = current_timestamp,
                        leaseUntil = null, updatedAt = current_timestamp
                        where id = ?5 and shopId = ?6 and status = ?7""",
                outcome, provider, errorCode, truncate(errorMessage), notificationId, shopId, NotificationStatus.SENDING)
                .map(count -> count == 1);
    }

    /** SENDING → QUEUED, so the retried command can claim it again (a retryable provider error). */
    public Uni<Boolean> release(long shopId, long notificationId, String errorCode, String errorMessage) {
        return Notification.update("""
                        status = ?1, leaseUntil = null, errorCode = ?2, errorMessage = ?3, updatedAt = current_timestamp
                        where id = ?4 and shopId = ?5 and status = ?6""",
                NotificationStatus.QUEUED, errorCode, truncate(errorMessage), notificationId, shopId,
                NotificationStatus.SENDING)
                .map(count -> count == 1);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
