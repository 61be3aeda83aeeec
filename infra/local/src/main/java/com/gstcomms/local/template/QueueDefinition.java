package com.gstcomms.local.template;

import java.util.Map;
import java.util.Optional;

/** An {@code AWS::SQS::Queue} of the template. */
public record QueueDefinition(String logicalId, Map<String, Object> properties) {

    /** SQS's default when the template does not say. */
    public static final int DEFAULT_VISIBILITY_TIMEOUT = 30;

    public boolean fifo() {
        return Boolean.parseBoolean(String.valueOf(properties.getOrDefault("FifoQueue", "false")));
    }

    /** The queue name used locally: the logical id (AWS generates one from the stack name). */
    public String localName() {
        return fifo() ? logicalId + ".fifo" : logicalId;
    }

    public Optional<Integer> visibilityTimeout() {
        return Optional.ofNullable(properties.get("VisibilityTimeout")).map(v -> Integer.valueOf(String.valueOf(v)));
    }

    public int visibilityTimeoutOrDefault() {
        return visibilityTimeout().orElse(DEFAULT_VISIBILITY_TIMEOUT);
    }

    public Optional<Redrive> redrive() {
        Object policy = properties.get("RedrivePolicy");
        if (!(policy instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        String target = SamTemplate.referencedId(map.get("deadLetterTargetArn"));
        Object count = map.get("maxReceiveCount");
        return Optional.of(new Redrive(target, count == null ? null : Integer.valueOf(String.valueOf(count))));
    }

    /** The dead-letter queue (logical id) and after how many receives a message goes there. */
    public record Redrive(String deadLetterQueueId, Integer maxReceiveCount) {
    }
}
