package com.gstcomms.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Instant;

/**
 * The scheduler's three entry points: one artifact, deployed as three functions that differ only in
 * {@code QUARKUS_LAMBDA_HANDLER} (template.yaml).
 */
public final class Handlers {
    private Handlers() {
    }

    /** The time EventBridge fired the schedule; a run invoked by hand (no time) runs at the clock's now. */
    private static Instant firedAt(ScheduledRun run, Clock clock) {
        return run != null && run.time() != null ? run.time().toInstant() : clock.instant();
    }

    /** EventBridge, daily: fan the reminder run out to one command per shop. */
    @Named("daily-reminders")
    public static class DailyRemindersHandler implements RequestHandler<ScheduledRun, RunSummary> {
        @Inject
        DailyReminders daily;

        @Inject
        Clock clock;

        @Override
        public RunSummary handleRequest(ScheduledRun run, Context context) {
            return daily.run(firedAt(run, clock));
        }
    }

    /** Reminders queue: one shop's reminders for one day (a page of invoices per command). */
    @Named("shop-reminders")
    public static class ShopRemindersHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        @Inject
        SqsBatch batch;

        @Inject
        ShopReminders reminders;

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            return batch.process(event, RunReminders.class, (command, delivery) -> reminders.run(command));
        }
    }

    /** EventBridge, every minute: queue the messages whose time has come. */
    @Named("due-messages")
    public static class DueMessagesHandler implements RequestHandler<ScheduledRun, RunSummary> {
        @Inject
        DueMessages due;

        @Inject
        Clock clock;

        @Override
        public RunSummary handleRequest(ScheduledRun run, Context context) {
            return due.run(firedAt(run, clock));
        }
    }
}
