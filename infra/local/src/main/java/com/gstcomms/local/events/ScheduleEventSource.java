package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import com.gstcomms.local.template.ScheduleExpression;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An EventBridge schedule of the template: at each time its rate or cron expression gives (UTC), the
 * function gets a "Scheduled Event" whose {@code time} is the scheduled minute (see
 * functions/scheduler/src/test/resources/events/eventbridge-scheduled.json). With {@code fastPeriod} set (the
 * {@code --fast-schedules} option), it fires every {@code fastPeriod} instead, still with the real
 * {@code time} of the firing, so a demo need not wait for 09:00 India time.
 */
public final class ScheduleEventSource implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("schedules").factory());

    private final String id;
    private final LocalFunction function;
    private final ScheduleExpression expression;
    private final boolean enabled;
    private final Duration fastPeriod;
    private final String region;
    private final String accountId;
    private final Consumer<String> log;
    private final AtomicLong firings = new AtomicLong();
    private volatile ZonedDateTime next;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean running = true;

    public ScheduleEventSource(String id, LocalFunction function, ScheduleExpression expression, boolean enabled,
                               Duration fastPeriod, String region, String accountId, Consumer<String> log) {
        this.id = id;
        this.function = function;
        this.expression = expression;
        this.enabled = enabled;
        this.fastPeriod = fastPeriod;
        this.region = region;
        this.accountId = accountId;
        this.log = log;
        if (enabled) {
            plan(ZonedDateTime.now(ZoneOffset.UTC));
        }
    }

    public String id() {
        return id;
    }

    public String expression() {
        return expression.text();
    }

    public boolean enabled() {
        return enabled;
    }

    public ZonedDateTime next() {
        return next;
    }

    public long firings() {
        return firings.get();
    }

    public LocalFunction function() {
        return function;
    }

    private void plan(ZonedDateTime after) {
        if (!running) {
            return;
        }
        next = fastPeriod != null ? after.plus(fastPeriod) : expression.nextAfter(after);
        long delay = Math.max(0, Duration.between(ZonedDateTime.now(ZoneOffset.UTC), next).toMillis());
        timer = TIMER.schedule(() -> {
            ZonedDateTime at = next;
            fire(at);
            plan(at);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Fires now (the console's "run now"), with the current minute as the event's time. */
    public CompletableFuture<InvocationResult> runNow() {
        return fire(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private CompletableFuture<InvocationResult> fire(ZonedDateTime at) {
        firings.incrementAndGet();
        CompletableFuture<InvocationResult> result = function.invoke("Schedule " + expression.text(), event(at));
        result.thenAccept(r -> {
            if (!r.ok()) {
                log.accept(id + ": scheduled run at " + at + " failed: " + r.summary());
            }
        });
        return result;
    }

    byte[] event(ZonedDateTime at) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MINUTES).toInstant()));
        event.put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + accountId + ":rule/" + id.replace('.', '-'));
        event.putObject("detail");
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
