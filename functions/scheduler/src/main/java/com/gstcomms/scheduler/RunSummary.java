package com.gstcomms.scheduler;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a scheduled run did, returned to Lambda (visible in its logs and in tests). */
@RegisterForReflection
public record RunSummary(String run, String day, int shopsQueued, int invoicesMarkedOverdue,
                         int notificationsQueued, int notificationsRequeued, int campaignsAdvanced) {
}
