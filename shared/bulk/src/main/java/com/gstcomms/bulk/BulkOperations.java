package com.gstcomms.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.runtime.data.BulkOperation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The bulk operation rows this function moves besides {@link com.gstcomms.runtime.work.BulkProgress}'s
 * counters: the total once it is known, the S3 keys of the input, output and error report, and FAILED
 * with its reason when a file is refused as a whole. Every statement filters by shop.
 */
@ApplicationScoped
public class BulkOperations {

    /** The split is progress unit 0; chunks are 1..n (export: 1; status batches: 1..n). */
    public static final int SPLIT_UNIT = 0;

    /** Static for the callers that read an operation's parameters outside a bean; the project's settings. */
    private static final ObjectMapper JSON = JsonMappers.standard();

    public Uni<BulkOperation> find(long shopId, long id) {
        return BulkOperation.<BulkOperation>find("id = ?1 and shopId = ?2", id, shopId).firstResult();
    }

    /** The operation's {@code parameters} JSON, or an empty node when it is empty or unreadable. */
    public static JsonNode parameters(BulkOperation op) {
        try {
            JsonNode node = JSON.readTree(op.parameters == null ? "{}" : op.parameters);
            return node == null ? MissingNode.getInstance() : node;
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * Sets the total and records the split: input key, the format found and the number of chunks (so a
     * later delivery of the same S3 event can queue chunks that were never queued), and one PENDING
     * progress row per chunk.
     */
    public Uni<Void> recordSplit(long shopId, long id, String inputKey, int total, String format, int chunks) {
        return Sql.execute("""
                        update bulk_operation
                           set total = :total, input_key = :inputKey, started_at = coalesce(started_at, now()),
                               status = 'RUNNING', updated_at = now(),
                               parameters = parameters || jsonb_build_object('detectedFormat', cast(:format as text),
                                                                             'chunks', cast(:chunks as integer))
                         where id = :id and shop_id = :shopId""",
                        Map.of("total", total, "inputKey", inputKey, "format", format, "chunks", chunks,
                                "id", id, "shopId", shopId))
                .chain(() -> chunks == 0 ? Uni.createFrom().item(0) : Sql.execute("""
                        insert into bulk_operation_chunk (bulk_operation_id, chunk_no, shop_id, status)
                        select :id, n, :shopId, 'PENDING' from generate_series(1, cast(:chunks as integer)) n
                        on conflict (bulk_operation_id, chunk_no) do nothing""",
                        Map.of("id", id, "shopId", shopId, "chunks", chunks)))
                .replaceWithVoid();
    }

    /** Sets the total of a job whose size is known before it starts (export rows, ids to change). */
    public Uni<Void> setTotal(long shopId, long id, int total) {
        return Sql.execute("""
                        update bulk_operation set total = :total, status = 'RUNNING',
                               started_at = coalesce(started_at, now()), updated_at = now()
                         where id = :id and shop_id = :shopId""",
                        Map.of("total", total, "id", id, "shopId", shopId))
                .replaceWithVoid();
    }

    /** Chunks that were never claimed, to queue again after an interrupted split. */
    public Uni<List<Integer>> pendingChunks(long shopId, long id) {
        return Sql.column("""
                        select chunk_no from bulk_operation_chunk
                         where bulk_operation_id = :id and shop_id = :shopId and status = 'PENDING' and chunk_no > 0
                         order by chunk_no""", Integer.class, Map.of("id", id, "shopId", shopId));
    }

    public Uni<String> unitStatus(long shopId, long id, int unit) {
        return Sql.column("""
                        select status from bulk_operation_chunk
                         where bulk_operation_id = :id and shop_id = :shopId and chunk_no = :unit""",
                        String.class, Map.of("id", id, "shopId", shopId, "unit", unit))
                .map(rows -> rows.isEmpty() ? null : rows.getFirst());
    }

    /**
     * A file refused as a whole: FAILED with the reason for the merchant; the split unit is marked FAILED
     * so that no later delivery of the event starts it again.
     */
    public Uni<Boolean> fail(long shopId, long id, String reason) {
        String summary = reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason;
        return Sql.execute("""
                        update bulk_operation set status = 'FAILED', error_summary = :reason, finished_at = now(),
                               updated_at = now()
                         where id = :id and shop_id = :shopId and status in ('PENDING', 'RUNNING')""",
                        Map.of("reason", summary, "id", id, "shopId", shopId))
                .call(() -> Sql.execute("""
                        update bulk_operation_chunk set status = 'FAILED', lease_until = null, updated_at = now()
                         where bulk_operation_id = :id and shop_id = :shopId""", Map.of("id", id, "shopId", shopId)))
                .map(count -> count == 1);
    }

    public Uni<Void> setOutput(long shopId, long id, String key) {
        return Sql.execute("update bulk_operation set output_key = :key, updated_at = now() where id = :id and shop_id = :shopId",
                Map.of("key", key, "id", id, "shopId", shopId)).replaceWithVoid();
    }

    public Uni<Void> setErrorReport(long shopId, long id, String key) {
        return Sql.execute("""
                        update bulk_operation set error_report_key = :key, updated_at = now()
                         where id = :id and shop_id = :shopId""",
                Map.of("key", key, "id", id, "shopId", shopId)).replaceWithVoid();
    }
}
