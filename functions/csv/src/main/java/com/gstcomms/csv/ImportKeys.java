package com.gstcomms.csv;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 keys of an import (docs/ARCHITECTURE.md "S3 keys"): the API hands out a presigned PUT for
 * {@code imports/{shopId}/{bulkOperationId}/source.csv}; chunks and the error report go next to it.
 */
record ImportKeys(long shopId, long operationId) {

    private static final Pattern SOURCE = Pattern.compile("imports/(\\d{1,18})/(\\d{1,18})/source\\.csv");

    /** The import a key is the source of; empty for any other key (chunks, reports, stray uploads). */
    static Optional<ImportKeys> ofSource(String key) {
        Matcher m = SOURCE.matcher(key);
        return m.matches()
                ? Optional.of(new ImportKeys(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    String prefix() {
        return "imports/" + shopId + "/" + operationId + "/";
    }

    String source() {
        return prefix() + "source.csv";
    }

    String chunk(int number) {
        return prefix() + "chunks/" + number + ".csv";
    }

    String errors() {
        return prefix() + "errors.csv";
    }
}
