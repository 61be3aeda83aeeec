package com.gstcomms.email;

import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.work.NotificationClaims;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link NotificationClaims} for many rows of one shop in one statement each: the same conditional
 * updates (claim QUEUED → SENDING with a lease, or a SENDING row whose lease ran out; finish only what
 * is SENDING), applied to a batch of up to a thousand campaign messages, so a batch costs a handful of
 * statements instead of thousands. Same state machine, same guarantees: a redelivered or concurrent
 * command cannot claim or finish a row twice.
 */
@ApplicationScoped
class NotificationBatchClaims {

    private static final String CLAIM = """
            update notification
               set status = 'SENDING', lease_until = now() + :leaseSeconds * interval '1 second',
                   attempts = attempts + 1, updated_at = now()
             where id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId
               and (status = 'QUEUED' or (status = 'SENDING' and lease_until < now()))
            returning id""";

    private static final String STATES = """
            select id, status, lease_until from notification
             where id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId""";

    private static final String SENT = """
            update notification
               set status = 'SENT', provider = :provider, provider_message_id = :messageId, sent_at = now(),
                   lease_until = null, error_code = null, error_message = null, updated_at = now()
             where id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId and status = 'SENDING'""";

    private static final String FINAL = """
            update notification
               set status = :status, provider = :provider, error_code = :code, error_message = :message,
                   failed_at = now(), lease_until = null, updated_at = now()
             where id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId and status = 'SENDING'""";

    private static final String RELEASE = """
            update notification
               set status = 'QUEUED', lease_until = null, error_code = :code, error_message = :message, updated_at = now()
             where id = any(cast(string_to_array(:ids, ',') as bigint[])) and shop_id = :shopId and status = 'SENDING'""";

    /** A row this worker did not get. */
    record Unclaimed(long id, NotificationStatus status, OffsetDateTime leaseUntil) {
    }

    /** The rows of this shop among {@code ids} that this worker now owns (SENDING with its lease). */
    Uni<List<Notification>> claimAll(long shopId, Collection<Long> ids, Duration lease) {
        return Panache.getSession().chain(s -> s.createNativeQuery(CLAIM, Long.class)
                        .setParameter("ids", join(ids)).setParameter("shopId", shopId)
                        .setParameter("leaseSeconds", lease.toSeconds()).getResultList())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(List.<Notification>of())
                        : Notification.<Notification>list("id in ?1", claimed));
    }

    /** Where the rows stand (for those not claimed: finished, or another worker's). */
    Uni<List<Unclaimed>> states(long shopId, Collection<Long> ids) {
        return Panache.getSession().chain(s -> s.createNativeQuery(STATES, Object[].class)
                        .setParameter("ids", join(ids)).setParameter("shopId", shopId).getResultList())
                .map(rows -> rows.stream().map(r -> new Unclaimed(((Number) r[0]).longValue(),
                        NotificationStatus.valueOf((String) r[1]), toOffset(r[2]))).toList());
    }

    Uni<Integer> markSent(long shopId, Collection<Long> ids, String provider, String messageId) {
        Map<String, Object> params = new HashMap<>();
        params.put("provider", provider);
        params.put("messageId", messageId);
        return update(SENT, shopId, ids, params);
    }

    /** SENDING → FAILED or SUPPRESSED, with a reason that names the problem but never a secret. */
    Uni<Integer> markFinal(long shopId, Collection<Long> ids, NotificationStatus outcome, String provider,
                           String code, String message) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException(outcome + " is not a final status");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("status", outcome.name());
        params.put("provider", provider);
        params.put("code", code);
        params.put("message", truncate(message));
        return update(FINAL, shopId, ids, params);
    }

    /** SENDING → QUEUED, so the retried command can claim the rows again. */
    Uni<Integer> release(long shopId, Collection<Long> ids, String code, String message) {
        Map<String, Object> params = new HashMap<>();
        params.put("code", code);
        params.put("message", truncate(message));
        return update(RELEASE, shopId, ids, params);
    }

    private Uni<Integer> update(String sql, long shopId, Collection<Long> ids, Map<String, Object> params) {
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
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
