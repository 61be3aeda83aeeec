package com.gstcomms.scheduler;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/**
 * The scheduler's entry points: Funqy functions, each taking the one event an EventBridge schedule
 * delivers and calling one service. One artifact, deployed as two functions that differ only in
 * {@code QUARKUS_FUNQY_EXPORT} (template.yaml); Lambda's handler is Funqy's
 * ({@code io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest} on java21, the bootstrap natively).
 */
public class Schedules {

    @Inject
    DailyReminders daily;

    @Inject
    DueMessages due;

    @Inject
    Clock clock;

    /** EventBridge, daily: fan the reminder run out to one command per shop. */
    @Funq("daily-reminders")
    public RunSummary dailyReminders(ScheduledRun run) {
        return daily.run(firedAt(run, clock));
    }

    /** EventBridge, every minute: queue the messages whose time has come. */
    @Funq("due-messages")
    public RunSummary dueMessages(ScheduledRun run) {
        return due.run(firedAt(run, clock));
    }

    /** The time EventBridge fired the schedule; a run invoked by hand (no time) runs at the clock's now. */
    private static Instant firedAt(ScheduledRun run, Clock clock) {
        return run != null && run.time() != null ? run.time().toInstant() : clock.instant();
    }
}
