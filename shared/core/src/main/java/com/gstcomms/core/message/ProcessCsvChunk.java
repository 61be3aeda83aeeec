package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Chunk queue → csv: validate and upsert the rows of one chunk of an import, staged in S3 at
 * {@code chunkKey} ({@code imports/{shop}/{import}/chunks/{n}.csv}), and add the outcome to the
 * bulk operation's progress.
 *
 * @param chunkNumber the chunk's position in the import, from 0 or 1 as the splitter numbers them
 * @param format      the CSV format name defined by shared/imports, e.g. {@code "shopify-customers"}
 */
public record ProcessCsvChunk(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) long importId,
        @JsonProperty(required = true) long bulkOperationId,
        @JsonProperty(required = true) String chunkKey,
        @JsonProperty(required = true) int chunkNumber,
        @JsonProperty(required = true) String format,
        String traceId) implements Command {

    public static final String TYPE = "process-csv-chunk";
    public static final int VERSION = 1;

    @JsonCreator
    public ProcessCsvChunk {
        Require.positive(shopId, "shopId");
        Require.positive(importId, "importId");
        Require.positive(bulkOperationId, "bulkOperationId");
        Require.text(chunkKey, "chunkKey");
        Require.text(format, "format");
        if (chunkNumber < 0) {
            throw new IllegalArgumentException("chunkNumber must not be negative, found " + chunkNumber);
        }
    }

    public ProcessCsvChunk(long shopId, long importId, long bulkOperationId, String chunkKey, int chunkNumber,
                           String format, String traceId) {
        this(VERSION, shopId, importId, bulkOperationId, chunkKey, chunkNumber, format, traceId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
