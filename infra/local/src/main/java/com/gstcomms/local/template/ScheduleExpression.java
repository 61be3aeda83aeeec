package com.gstcomms.local.template;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or {@code cron(30 3 * * ? *)} (six fields:
 * minutes hours day-of-month month day-of-week year; UTC; day-of-week 1-7 = SUN-SAT or SUN..SAT; one of
 * day-of-month and day-of-week must be {@code ?}). See the EventBridge user guide, "Schedule expressions
 * for rules". {@code L}, {@code W} and {@code #} are not supported here and are refused with a clear error.
 */
public sealed interface ScheduleExpression {

    /** The first firing time strictly after {@code after} (UTC). */
    ZonedDateTime nextAfter(ZonedDateTime after);

    String text();

    static ScheduleExpression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no schedule expression");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return Rate.parse(trimmed);
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return Cron.parse(trimmed);
        }
        throw new IllegalArgumentException("not a schedule expression (rate(...) or cron(...)): " + text);
    }

    record Rate(String text, Duration period) implements ScheduleExpression {
        private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

        static Rate parse(String text) {
            Matcher m = RATE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad rate expression: " + text + " (e.g. rate(5 minutes))");
            }
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (value <= 0) {
                throw new IllegalArgumentException("rate must be positive: " + text);
            }
            // EventBridge: 1 takes the singular unit, more the plural.
            if ((value == 1) != !unit.endsWith("s")) {
                throw new IllegalArgumentException("rate " + value + " needs the " + (value == 1 ? "singular" : "plural")
                        + " unit: " + text);
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(text, period);
        }

        @Override
        public ZonedDateTime nextAfter(ZonedDateTime after) {
            return after.plus(period);
        }
    }

    record Cron(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                Optional<BitSet> years, boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {

        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

        static Cron parse(String text) {
            String body = text.substring("cron(".length(), text.length() - 1).trim();
            String[] f = body.split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month "
                        + "day-of-week year), got " + f.length + ": " + text);
            }
            boolean domAny = f[2].equals("?");
            boolean dowAny = f[4].equals("?");
            if (domAny == dowAny) {
                throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be '?': "
                        + text);
            }
            return new Cron(text,
                    field(f[0], 0, 59, null, 0, text),
                    field(f[1], 0, 23, null, 0, text),
                    domAny ? all(1, 31) : field(f[2], 1, 31, null, 0, text),
                    field(f[3], 1, 12, MONTHS, 1, text),
                    dowAny ? all(1, 7) : field(f[4], 1, 7, DAYS, 1, text),
                    f[5].equals("*") ? Optional.empty() : Optional.of(field(f[5], 1970, 2199, null, 0, text)),
                    domAny, dowAny);
        }

        private static BitSet all(int min, int max) {
            BitSet bits = new BitSet();
            bits.set(min, max + 1);
            return bits;
        }

        private static BitSet field(String spec, int min, int max, List<String> names, int nameBase, String text) {
            BitSet bits = new BitSet();
            for (String part : spec.split(",")) {
                if (part.matches(".*[LW#].*")) {
                    throw new IllegalArgumentException("cron L, W and # are not supported locally: " + text);
                }
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    range = part.substring(0, slash);
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-");
                    from = value(ends[0], names, nameBase, text);
                    to = value(ends[1], names, nameBase, text);
                } else {
                    from = value(range, names, nameBase, text);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step <= 0) {
                    throw new IllegalArgumentException("cron field '" + part + "' is outside " + min + "-" + max
                            + ": " + text);
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        private static int value(String token, List<String> names, int nameBase, String text) {
            if (names != null) {
                int index = names.indexOf(token.toUpperCase(Locale.ROOT));
                if (index >= 0) {
                    return index + nameBase;
                }
            }
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cron value '" + token + "' is not a number or a name: " + text);
            }
        }

        @Override
        public ZonedDateTime nextAfter(ZonedDateTime after) {
            ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            // At most ~5 years of minutes; a schedule that never fires (e.g. 31 FEB) ends the search.
            ZonedDateTime limit = t.plusYears(5);
            while (t.isBefore(limit)) {
                if (years.isPresent() && !years.get().get(t.getYear())) {
                    t = t.plusYears(1).withDayOfYear(1).withHour(0).withMinute(0);
                    continue;
                }
                if (!months.get(t.getMonthValue())) {
                    t = t.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
                    continue;
                }
                int dow = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
                boolean dayMatches = anyDayOfMonth ? daysOfWeek.get(dow) : daysOfMonth.get(t.getDayOfMonth());
                if (!dayMatches) {
                    t = t.plusDays(1).withHour(0).withMinute(0);
                    continue;
                }
                if (!hours.get(t.getHour())) {
                    t = t.plusHours(1).withMinute(0);
                    continue;
                }
                if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                    continue;
                }
                return t;
            }
            throw new IllegalStateException("schedule never fires: " + text);
        }
    }
}
