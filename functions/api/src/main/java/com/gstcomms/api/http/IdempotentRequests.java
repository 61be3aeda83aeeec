package com.gstcomms.api.http;

import com.gstcomms.api.ApiConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

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
            values ($1, $2, $3, $4, $5) on conflict (shop_id, idempotency_key) do nothing returning shop_id""";
    private static final String FIND = """
            select request_method, request_path, request_hash, response_status, response_body, created_at
              from api_idempotency where shop_id = $1 and idempotency_key = $2""";
    private static final String FINISH = """
            update api_idempotency set response_status = $3, response_body = $4, completed_at = now()
             where shop_id = $1 and idempotency_key = $2""";
    private static final String FORGET = "delete from api_idempotency where shop_id = $1 and idempotency_key = $2";
    private static final String EXPIRE = "delete from api_idempotency where created_at < now() - $1 * interval '1 second'";
    private static final Duration DB_WAIT = Duration.ofSeconds(10);

    private final Pool pool;
    private final ApiConfig config;

    public IdempotentRequests(Pool pool, ApiConfig config) {
        this.pool = pool;
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
        boolean claimed = pool.preparedQuery(CLAIM).execute(Tuple.of(shopId, key, method, path, hash))
                .await().atMost(DB_WAIT).iterator().hasNext();
        if (!claimed) {
            return replay(shopId, key, method, path, hash);
        }
        Answer answer;
        try {
            answer = work.get();
        } catch (RuntimeException e) {
            pool.preparedQuery(FORGET).execute(Tuple.of(shopId, key)).await().atMost(DB_WAIT);
            throw e;
        }
        String body = Json.write(answer.entity());
        pool.preparedQuery(FINISH).execute(Tuple.of(shopId, key, answer.status(), body)).await().atMost(DB_WAIT);
        return Response.status(answer.status()).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private Response replay(long shopId, String key, String method, String path, String hash) {
        RowIterator<Row> rows = pool.preparedQuery(FIND).execute(Tuple.of(shopId, key)).await().atMost(DB_WAIT).iterator();
        if (!rows.hasNext()) {
            // The first attempt failed and was forgotten between our insert and this read: ask for a retry.
            throw Problem.conflict("A request with this Idempotency-Key just failed; retry it");
        }
        Row row = rows.next();
        if (!method.equals(row.getString("request_method")) || !path.equals(row.getString("request_path"))
                || !hash.equals(row.getString("request_hash"))) {
            throw Problem.unprocessable("This Idempotency-Key was already used for a different request ("
                    + row.getString("request_method") + " " + row.getString("request_path")
                    + "); use a new key for a new request");
        }
        Integer status = row.getInteger("response_status");
        if (status == null) {
            throw new Problem(409, "in-progress", "Request in progress",
                    "A request with this Idempotency-Key is still being processed", null,
                    java.util.Map.of("Retry-After", "1"));
        }
        return Response.status(status).entity(row.getString("response_body")).type(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").build();
    }

    private void expireNowAndThen() {
        if (ThreadLocalRandom.current().nextInt(500) == 0) {
            pool.preparedQuery(EXPIRE).execute(Tuple.of(config.idempotencyTtl().toSeconds()))
                    .subscribe().with(ok -> { }, failure -> { });
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
