package com.gstcomms.api.http;

import com.gstcomms.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.NativeSql.update;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inSessionLater;

/**
 * {@code Idempotency-Key} on POST (IETF draft "The Idempotency-Key HTTP Header Field"): the first request
 * with a key runs and its answer is stored; a repeat with the same body gets that same answer (status and
 * body) and changes nothing; a repeat with another body or path is refused (422); a repeat while the
 * first is still running gets 409 with Retry-After. A failed first attempt stores nothing, so the client
 * may retry it. Keys are per shop and kept for {@code gstcomms.api.idempotency-ttl}.
 */
@ApplicationScoped
public class IdempotentRequests {

    private static final String CLAIM = """
            insert into api_idempotency (shop_id, idempotency_key, request_method, request_path, request_hash)
            values (?1, ?2, ?3, ?4, ?5) on conflict (shop_id, idempotency_key) do nothing returning shop_id""";
    private static final String FIND = """
            select request_method, request_path, cast(request_hash as text), response_status, response_body, created_at
              from api_idempotency where shop_id = ?1 and idempotency_key = ?2""";
    private static final String FINISH = """
            update api_idempotency set response_status = ?3, response_body = ?4, completed_at = now()
             where shop_id = ?1 and idempotency_key = ?2""";
    private static final String FORGET = "delete from api_idempotency where shop_id = ?1 and idempotency_key = ?2";
    private static final String EXPIRE = "delete from api_idempotency where created_at < now() - ?1 * interval '1 second'";
    private static final Duration DB_WAIT = Duration.ofSeconds(10);

    private final ApiConfig config;

    public IdempotentRequests(ApiConfig config) {
        this.config = config;
    }

    /** An answer before it is written: status and entity (serialised to JSON for storing). */
    public record Answer(int status, Object entity) {
    }

    public Response run(long shopId, String key, String method, String path, Object request, Supplier<Answer> work) {
        if (key == null || key.isBlank()) {
            Answer answer = work.get();
            return Response.status(answer.status()).entity(answer.entity()).type(MediaType.APPLICATION_JSON).build();
        }
        if (key.length() > 255) {
            throw Problem.invalid("Idempotency-Key", "Idempotency-Key has " + key.length()
                    + " characters; at most 255 are allowed");
        }
        String hash = sha256(Json.write(request));
        expireNowAndThen();
        // The claim, its answer and its release each commit on their own (not in the work's transaction): a
        // repeat must see the claim while the work runs.
        boolean claimed = !inSession(() -> rows(CLAIM, shopId, key, method, path, hash)
                .ifNoItem().after(DB_WAIT).fail()).isEmpty();
        if (!claimed) {
            return replay(shopId, key, method, path, hash);
        }
        Answer answer;
        try {
            answer = work.get();
        } catch (RuntimeException e) {
            inSession(() -> update(FORGET, shopId, key).ifNoItem().after(DB_WAIT).fail());
            throw e;
        }
        String body = Json.write(answer.entity());
        inSession(() -> update(FINISH, shopId, key, answer.status(), body).ifNoItem().after(DB_WAIT).fail());
        return Response.status(answer.status()).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private Response replay(long shopId, String key, String method, String path, String hash) {
        List<Object[]> found = inSession(() -> rows(FIND, shopId, key).ifNoItem().after(DB_WAIT).fail());
        if (found.isEmpty()) {
            // The first attempt failed and was forgotten between our insert and this read: ask for a retry.
            throw Problem.conflict("A request with this Idempotency-Key just failed; retry it");
        }
        Object[] row = found.getFirst();
        String firstMethod = (String) row[0];
        String firstPath = (String) row[1];
        if (!method.equals(firstMethod) || !path.equals(firstPath) || !hash.equals(row[2])) {
            throw Problem.unprocessable("This Idempotency-Key was already used for a different request ("
                    + firstMethod + " " + firstPath + "); use a new key for a new request");
        }
        Integer status = row[3] == null ? null : ((Number) row[3]).intValue();
        if (status == null) {
            throw new Problem(409, "in-progress", "Request in progress",
                    "A request with this Idempotency-Key is still being processed", null,
                    java.util.Map.of("Retry-After", "1"));
        }
        return Response.status(status).entity((String) row[4]).type(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").build();
    }

    private void expireNowAndThen() {
        if (ThreadLocalRandom.current().nextInt(500) == 0) {
            long ttlSeconds = config.idempotencyTtl().toSeconds();
            inSessionLater(() -> update(EXPIRE, ttlSeconds));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
