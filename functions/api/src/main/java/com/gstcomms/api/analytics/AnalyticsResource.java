package com.gstcomms.api.analytics;

import com.gstcomms.core.time.India;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.FieldErrors;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.NativeSql.localDate;
import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.Transactions.inSession;

/**
 * {@code GET /v1/analytics}: per channel, kind, template or campaign and per day (India time), how many
 * messages were sent, delivered, opened, clicked, read, failed and bounced, the rates between them, and
 * the median and 95th percentile time from sent to delivered (PostgreSQL {@code percentile_cont}). The
 * {@code totals} are the same figures over the whole range (one {@code grouping sets} query).
 */
@Path("/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(VIEWER)
public class AnalyticsResource {

    static final int MAX_DAYS = 366;
    static final Map<String, String> DIMENSIONS = Map.of(
            "channel", "n.channel",
            "kind", "n.kind",
            "template", "coalesce(cast(n.template_id as text), 'none')",
            "campaign", "coalesce(cast(n.campaign_id as text), 'none')");

    private static final String SQL = """
            with m as (
              select cast(n.created_at at time zone '%s' as date) as day, %s as key, n.status,
                     n.sent_at is not null or n.status in ('SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'READ', 'BOUNCED') as was_sent,
                     n.delivered_at is not null or n.status in ('DELIVERED', 'OPENED', 'CLICKED', 'READ') as was_delivered,
                     n.opened_at is not null or n.status in ('OPENED', 'CLICKED') as was_opened,
                     n.clicked_at is not null or n.status = 'CLICKED' as was_clicked,
                     n.read_at is not null or n.status = 'READ' as was_read,
                     case when n.delivered_at >= n.sent_at then extract(epoch from n.delivered_at - n.sent_at) end as to_deliver
                from notification n
               where n.shop_id = ?1 and n.created_at >= ?2 and n.created_at < ?3)
            select day, key, count(*) as total,
                   count(*) filter (where was_sent) as sent,
                   count(*) filter (where was_delivered) as delivered,
                   count(*) filter (where was_opened) as opened,
                   count(*) filter (where was_clicked) as clicked,
                   count(*) filter (where was_read) as read,
                   count(*) filter (where status in ('FAILED', 'UNDELIVERED')) as failed,
                   count(*) filter (where status = 'BOUNCED') as bounced,
                   cast(percentile_cont(0.5) within group (order by to_deliver) as numeric(14, 1)) as median_seconds,
                   cast(percentile_cont(0.95) within group (order by to_deliver) as numeric(14, 1)) as p95_seconds
              from m
             group by grouping sets ((day, key), (key))
             order by key, day nulls first""";

    private final CurrentCaller caller;
    private final Clock clock;

    public AnalyticsResource(CurrentCaller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(LocalDate day, String key, long total, long sent, long delivered, long opened, long clicked,
                          long read, long failed, long bounced, BigDecimal deliveryRate, BigDecimal openRate,
                          BigDecimal clickRate, BigDecimal readRate, BigDecimal failureRate, BigDecimal bounceRate,
                          BigDecimal medianSecondsToDeliver, BigDecimal p95SecondsToDeliver) {
    }

    @RegisterForReflection
    public record Report(String groupBy, LocalDate from, LocalDate to, String timeZone, List<Figures> items,
                         List<Figures> totals) {
    }

    /** {@code from}/{@code to}: days (inclusive, India time); default the last 30 days. */
    @GET
    public Report get(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from, @QueryParam("to") String to) {
        FieldErrors errors = new FieldErrors();
        String dimension = groupBy == null ? "channel" : groupBy.strip().toLowerCase(Locale.ROOT);
        if (!DIMENSIONS.containsKey(dimension)) {
            errors.add("groupBy", "groupBy must be channel, kind, template or campaign");
        }
        LocalDate today = LocalDate.now(clock.withZone(India.ZONE));
        LocalDate toDay = to == null ? today : date(errors, "to", to);
        LocalDate fromDay = from == null ? (toDay == null ? today : toDay).minusDays(29) : date(errors, "from", from);
        if (fromDay != null && toDay != null) {
            if (toDay.isBefore(fromDay)) {
                errors.add("to", "to is before from");
            } else if (ChronoUnit.DAYS.between(fromDay, toDay) >= MAX_DAYS) {
                errors.add("from", "at most " + MAX_DAYS + " days at once");
            }
        }
        errors.throwIfAny();
        OffsetDateTime start = fromDay.atStartOfDay(India.ZONE).toOffsetDateTime();
        OffsetDateTime end = toDay.plusDays(1).atStartOfDay(India.ZONE).toOffsetDateTime();
        List<Figures> items = new ArrayList<>();
        List<Figures> totals = new ArrayList<>();
        long shopId = caller.shopId();
        for (Object[] row : inSession(() -> rows(SQL.formatted(India.ZONE_NAME, DIMENSIONS.get(dimension)), shopId, start, end)
                .ifNoItem().after(Duration.ofSeconds(20)).fail())) {
            Figures f = figures(row);
            (f.day() == null ? totals : items).add(f);
        }
        return new Report(dimension, fromDay, toDay, India.ZONE_NAME, items, totals);
    }

    /** A row of {@link #SQL}: day, key, the eight counts, median and p95 seconds. */
    private static Figures figures(Object[] row) {
        long total = ((Number) row[2]).longValue();
        long sent = ((Number) row[3]).longValue();
        long delivered = ((Number) row[4]).longValue();
        long opened = ((Number) row[5]).longValue();
        long clicked = ((Number) row[6]).longValue();
        long read = ((Number) row[7]).longValue();
        long failed = ((Number) row[8]).longValue();
        long bounced = ((Number) row[9]).longValue();
        return new Figures(localDate(row[0]), (String) row[1], total, sent, delivered, opened, clicked, read,
                failed, bounced, rate(delivered, sent), rate(opened, delivered), rate(clicked, delivered),
                rate(read, delivered), rate(failed, total), rate(bounced, sent),
                (BigDecimal) row[10], (BigDecimal) row[11]);
    }

    /** A share as a decimal with four places (0.9231), null when there is nothing to divide by. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static LocalDate date(FieldErrors errors, String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, field + " must be a date like 2026-11-25");
            return null;
        }
    }

}
