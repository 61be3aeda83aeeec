package com.gstcomms.csv;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 ObjectCreated on {@code imports/{shop}/{operation}/source.csv} → split into chunks. A plain
 * RequestHandler: Funqy cannot take S3 events (docs/TRAPS.md "Funqy and S3 events"). S3 invokes asynchronously: a thrown exception
 * makes Lambda retry the event (twice), which the split tolerates.
 */
@Named("csv-split")
public class ImportUploadHandler implements RequestHandler<S3Event, SplitOutcome.Batch> {

    @Inject
    ImportSplit split;

    @Override
    public SplitOutcome.Batch handleRequest(S3Event event, Context context) {
        List<SplitOutcome> outcomes = new ArrayList<>();
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            // Keys arrive URL-encoded, spaces as '+' (AWS, "Event message structure").
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            Long size = record.getS3().getObject().getSizeAsLong();
            outcomes.add(split.split(record.getS3().getBucket().getName(), key, size == null ? 0 : size));
        }
        return new SplitOutcome.Batch(outcomes);
    }
}
