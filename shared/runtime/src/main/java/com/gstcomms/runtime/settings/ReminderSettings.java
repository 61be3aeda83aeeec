package com.gstcomms.runtime.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A shop's payment reminders as they are stored in {@code shop.settings}, the one place that reads, checks
 * and writes them: {@code reminders} {enabled, offsetsDays, channels, maxCount} and {@code sendWindow}
 * {from, to} in India time. The API's {@code PUT /v1/settings/shop} and the Automated page write through
 * here and the scheduler runs what {@link ReminderRules#fromShopSettings(String)} reads from here, so none of them can
 * disagree with another. Missing parts take the defaults.
 */
public final class ReminderSettings {

    public static final int MIN_DAYS = -30;
    public static final int MAX_DAYS = 365;
    public static final int MAX_OFFSETS = 10;
    public static final int MAX_COUNT = 10;

    private ReminderSettings() {
    }

    /** Where a check reports a wrong field (the API's FieldErrors: {@code errors::add}). */
    @FunctionalInterface
    public interface Problems {
        void add(String field, String message);
    }

    /** {@code offsetsDays}: days from the due date (negative: before); {@code channels} in order of preference. */
    @RegisterForReflection
    public record Reminders(Boolean enabled, List<Integer> offsetsDays, List<String> channels, Integer maxCount) {

        public static final Reminders DEFAULT = new Reminders(true, List.of(-3, 0, 7, 15), List.of("WHATSAPP", "EMAIL"), 4);
    }

    /** When customers may be messaged, India time, within one day ({@code "09:00"}–{@code "21:00"}). */
    @RegisterForReflection
    public record SendWindow(String from, String to) {

        public static final SendWindow DEFAULT = new SendWindow("09:00", "21:00");
    }

    public static Reminders reminders(JsonNode settings) {
        JsonNode r = settings.path("reminders");
        List<Integer> offsets = new ArrayList<>();
        r.path("offsetsDays").forEach(n -> offsets.add(n.asInt()));
        List<String> channels = new ArrayList<>();
        r.path("channels").forEach(n -> channels.add(n.asText()));
        Reminders d = Reminders.DEFAULT;
        return new Reminders(r.path("enabled").asBoolean(d.enabled()), offsets.isEmpty() ? d.offsetsDays() : offsets,
                channels.isEmpty() ? d.channels() : channels, r.path("maxCount").asInt(d.maxCount()));
    }

    public static SendWindow sendWindow(JsonNode settings) {
        JsonNode w = settings.path("sendWindow");
        return new SendWindow(w.path("from").asText(SendWindow.DEFAULT.from()), w.path("to").asText(SendWindow.DEFAULT.to()));
    }

    /**
     * The reminders to store: missing parts take the defaults, days are sorted without repeats, channel
     * names upper-cased; every mistake goes to {@code errors} under {@code prefix + field}.
     */
    public static Reminders check(Reminders given, Problems errors, String prefix) {
        Reminders d = Reminders.DEFAULT;
        // Lists are bounded before they are walked: every entry could add an error of its own.
        if (!maxSize(errors, prefix + "offsetsDays", given.offsetsDays(), MAX_OFFSETS)
                | !maxSize(errors, prefix + "channels", given.channels(), 2)) {
            return d;
        }
        List<Integer> offsets = new ArrayList<>();
        for (Integer days : given.offsetsDays() == null ? d.offsetsDays() : given.offsetsDays()) {
            if (days == null || days < MIN_DAYS || days > MAX_DAYS) {
                errors.add(prefix + "offsetsDays", days + " is outside " + MIN_DAYS + "…" + MAX_DAYS + " days from the due date");
            } else if (!offsets.contains(days)) {
                offsets.add(days);
            }
        }
        if (offsets.isEmpty() && given.offsetsDays() != null) {
            errors.add(prefix + "offsetsDays", "give at least one day, e.g. -3, 0, 7");
        }
        if (offsets.size() > MAX_OFFSETS) {
            errors.add(prefix + "offsetsDays", "at most " + MAX_OFFSETS + " reminder days");
        }
        offsets.sort(Integer::compare);
        List<String> channels = new ArrayList<>();
        for (String channel : given.channels() == null ? d.channels() : given.channels()) {
            String name = channel == null ? "" : channel.strip().toUpperCase(Locale.ROOT);
            if (!name.equals("WHATSAPP") && !name.equals("EMAIL")) {
                errors.add(prefix + "channels", "channels are WHATSAPP and EMAIL in order of preference, not '" + channel + "'");
            } else if (!channels.contains(name)) {
                channels.add(name);
            }
        }
        if (channels.isEmpty() && given.channels() != null) {
            errors.add(prefix + "channels", "give at least one channel: WHATSAPP or EMAIL");
        }
        int max = given.maxCount() == null ? d.maxCount() : given.maxCount();
        if (max < 1 || max > MAX_COUNT) {
            errors.add(prefix + "maxCount", "maxCount must be between 1 and " + MAX_COUNT);
        }
        return new Reminders(given.enabled() == null ? d.enabled() : given.enabled(), offsets, channels, max);
    }

    /** The window to store, as {@code HH:mm}; {@code fromField}/{@code toField} name the fields in errors. */
    public static SendWindow check(SendWindow given, Problems errors, String fromField, String toField) {
        LocalTime from = time(errors, fromField, given.from());
        LocalTime to = time(errors, toField, given.to());
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(toField, toField + " must be after " + fromField + " (the window is within one day, India time)");
        }
        return from == null || to == null ? SendWindow.DEFAULT : new SendWindow(from.toString(), to.toString());
    }

    public static void write(ObjectNode settings, Reminders reminders) {
        ObjectNode r = settings.putObject("reminders");
        r.put("enabled", reminders.enabled());
        reminders.offsetsDays().forEach(r.putArray("offsetsDays")::add);
        reminders.channels().forEach(r.putArray("channels")::add);
        r.put("maxCount", reminders.maxCount());
    }

    public static void write(ObjectNode settings, SendWindow window) {
        settings.putObject("sendWindow").put("from", window.from()).put("to", window.to());
    }

    private static LocalTime time(Problems errors, String field, String text) {
        if (text == null || text.isBlank()) {
            errors.add(field, field + " is required, like 09:00");
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, field + " must be a time like 09:00, not '" + text.strip() + "'");
            return null;
        }
    }

    private static boolean maxSize(Problems errors, String field, List<?> list, int max) {
        if (list != null && list.size() > max) {
            errors.add(field, field + " has " + list.size() + " entries; at most " + max + " are allowed");
            return false;
        }
        return true;
    }
}
