package com.gstcomms.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What the split did with each uploaded object of an S3 event (the Lambda's response; S3 invokes
 * asynchronously and ignores it, tests and logs read it).
 *
 * @param status SPLIT (chunks queued), REFUSED (the operation is FAILED with the reason), RESUMED (a
 *               repeated event queued chunks an interrupted split had not), IGNORED (not an import source,
 *               unknown or finished operation, or being split by another delivery)
 */
@RegisterForReflection
public record SplitOutcome(String key, long bulkOperationId, String status, int rows, int chunks, String message) {

    static SplitOutcome ignored(String key, long id, String why) {
        return new SplitOutcome(key, id, "IGNORED", 0, 0, why);
    }

    /** The outcomes of one S3 event, one per record. */
    @RegisterForReflection
    public record Batch(List<SplitOutcome> items) {
    }
}
