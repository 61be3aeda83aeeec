package com.gstcomms.scheduler;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The event an EventBridge schedule delivers ("detail-type": "Scheduled Event"). Our own class, because
 * the AWS ScheduledEvent class leaves detail-type null under Quarkus' Jackson (docs/TRAPS.md "AWS ScheduledEvent"). {@code time}
 * is when the schedule fired: the run uses it, not the clock, so a retried or late invocation still runs
 * for the day it was meant for.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledRun(
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        OffsetDateTime time,
        String region,
        List<String> resources) {
}
