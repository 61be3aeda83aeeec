package com.gstcomms.runtime.work;

import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one way a notification is sent at most once (docs/ARCHITECTURE.md "Idempotency and batches"): a worker
 * claims the row with a conditional update before calling the provider, and finishes it after.
 *
 * <p>A claim moves QUEUED → SENDING and sets a lease. A redelivered command finds the row SENDING with a
 * live lease, or already finished, and gets nothing; only a SENDING row whose lease ran out (its worker
 * died mid-send) can be claimed again. Finishing is conditional on SENDING too, so a late worker cannot
 * overwrite another's outcome.
 *
 * <p>Every transition is one statement over a set of ids of one shop, so a worker with a batch of a
 * thousand campaign messages pays a handful of statements; the single-row forms are the same statements
 * over one id.
 */
@ApplicationScoped
public class NotificationClaims {

    private static final String IDS = "id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId";

    private static final String CLAIM = """
            update notification
               set status = 'SENDING', lease_until = now() + :leaseSeconds * interval '1 second',
                   attempts = attempts + 1, updated_at = now()
             where %s
               and (status = 'QUEUED' or (status = 'SENDING' and lease_until < now()))
            returning id""".formatted(IDS);

    private static final String STATES = "select id, status, lease_until from notification where " + IDS;

    private static final String SENT = """
            update notification
               set status = 'SENT', provider = :provider, provider_message_id = :messageId, sent_at = now(),
                   lease_until = null, error_code = null, error_message = null, updated_at = now()
             where %s and status = 'SENDING'""".formatted(IDS);

    private static final String FINAL = """
            update notification
               set status = :status, provider = :provider, error_code = :code, error_message = :message,
                   failed_at = now(), lease_until = null, updated_at = now()
             where %s and status = 'SENDING'""".formatted(IDS);

    private static final String RELEASE = """
            update notification
               set status = 'QUEUED', lease_until = null, error_code = :code, error_message = :message,
                   updated_at = now()
             where %s and status = 'SENDING'""".formatted(IDS);

    /** Where a row this worker did not get stands: finished, or another worker's. */
    public record Unclaimed(long id, NotificationStatus status, OffsetDateTime leaseUntil) {
    }

    /** The claimed row, or empty when another worker has it or it is already finished. */
    public Uni<Optional<Notification>> claim(long shopId, long notificationId, Duration lease) {
        return claimAll(shopId, List.of(notificationId), lease).map(rows -> rows.stream().findFirst());
    }

    /** The rows of this shop among {@code ids} that this worker now owns (SENDING with its lease). */
    public Uni<List<Notification>> claimAll(long shopId, Collection<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(CLAIM, Long.class)
                        .setParameter("ids", join(ids)).setParameter("shopId", shopId)
                        .setParameter("leaseSeconds", lease.toSeconds()).getResultList())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(List.<Notification>of())
                        : Notification.<Notification>list("id in ?1", claimed));
    }

    /** Where the rows stand (for those not claimed: finished, or another worker's). */
    public Uni<List<Unclaimed>> states(long shopId, Collection<Long> ids) {
        return Panache.getSession().chain(s -> s.createNativeQuery(STATES, Object[].class)
                        .setParameter("ids", join(ids)).setParameter("shopId", shopId).getResultList())
                .map(rows -> rows.stream().map(r -> new Unclaimed(((Number) r[0]).longValue(),
                        NotificationStatus.valueOf((String) r[1]), toOffset(r[2]))).toList());
    }

    /** SENDING → SENT with the provider's message id. */
    public Uni<Boolean> markSent(long shopId, long notificationId, String provider, String providerMessageId) {
        return markSent(shopId, List.of(notificationId), provider, providerMessageId).map(count -> count == 1);
    }

    /** SENDING → SENT for rows sent in one provider request (one message id). */
    public Uni<Integer> markSent(long shopId, Collection<Long> ids, String provider, String providerMessageId) {
        Map<String, Object> params = new HashMap<>();
        params.put("provider", provider);
        params.put("messageId", providerMessageId);
        return update(SENT, shopId, ids, params);
    }

    /** SENDING → FAILED or SUPPRESSED (final), with a reason that names the problem but never a secret. */
    public Uni<Boolean> markFinal(long shopId, long notificationId, NotificationStatus outcome,
                                  String provider, String errorCode, String errorMessage) {
        return markFinal(shopId, List.of(notificationId), outcome, provider, errorCode, errorMessage)
                .map(count -> count == 1);
    }

    public Uni<Integer> markFinal(long shopId, Collection<Long> ids, NotificationStatus outcome, String provider,
                                  String errorCode, String errorMessage) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException(outcome + " is not a final status");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("status", outcome.name());
        params.put("provider", provider);
        params.put("code", errorCode);
        params.put("message", truncate(errorMessage));
        return update(FINAL, shopId, ids, params);
    }

    /** SENDING → QUEUED, so the retried command can claim it again (a retryable provider error). */
    public Uni<Boolean> release(long shopId, long notificationId, String errorCode, String errorMessage) {
        return release(shopId, List.of(notificationId), errorCode, errorMessage).map(count -> count == 1);
    }

    public Uni<Integer> release(long shopId, Collection<Long> ids, String errorCode, String errorMessage) {
        Map<String, Object> params = new HashMap<>();
        params.put("code", errorCode);
        params.put("message", truncate(errorMessage));
        return update(RELEASE, shopId, ids, params);
    }

    private static Uni<Integer> update(String sql, long shopId, Collection<Long> ids, Map<String, Object> params) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql).setParameter("ids", join(ids)).setParameter("shopId", shopId);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    private static String join(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
