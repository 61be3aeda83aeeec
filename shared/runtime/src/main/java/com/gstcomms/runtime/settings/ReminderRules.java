package com.gstcomms.runtime.settings;

import com.gstcomms.core.json.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.Channel;

import java.time.LocalTime;
import java.util.List;

/**
 * A shop's payment reminder rules as the scheduler runs them, typed, read through {@link ReminderSettings}
 * (the one reading of the settings JSON, with its defaults): {@code offsetsDays} — days relative to the
 * due date on which a reminder goes (default −3, 0, 7, 15: three days before, on the day, a week and a
 * fortnight after); {@code channels} — in order of preference (default WhatsApp, then email);
 * {@code maxCount} — at most this many reminders per invoice (default 4); {@code enabled} (default true).
 * The shop's {@code "sendWindow"} ({@code {"from":"09:00","to":"21:00"}}, India time) bounds when
 * customers are messaged.
 */
public record ReminderRules(boolean enabled, List<Integer> offsetsDays, List<Channel> channels, int maxCount,
                            LocalTime windowFrom, LocalTime windowTo) {

    public static final ReminderRules DEFAULT = of(ReminderSettings.Reminders.DEFAULT, ReminderSettings.SendWindow.DEFAULT);

    private static final ObjectMapper JSON = JsonMappers.standard();

    public static ReminderRules fromShopSettings(String settingsJson) {
        if (settingsJson == null || settingsJson.isBlank()) {
            return DEFAULT;
        }
        try {
            JsonNode root = JSON.readTree(settingsJson);
            return of(ReminderSettings.reminders(root), ReminderSettings.sendWindow(root));
        } catch (Exception e) {
            throw new IllegalArgumentException("The shop's reminder settings are not valid: " + e.getMessage(), e);
        }
    }

    private static ReminderRules of(ReminderSettings.Reminders reminders, ReminderSettings.SendWindow window) {
        return new ReminderRules(reminders.enabled(), List.copyOf(reminders.offsetsDays()),
                reminders.channels().stream().map(Channel::valueOf).toList(), reminders.maxCount(),
                LocalTime.parse(window.from()), LocalTime.parse(window.to()));
    }
}
