package com.gstcomms.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.Channel;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A shop's payment reminder rules, read from its settings JSON ({@code "reminders"} object):
 * {@code offsetsDays} — days relative to the due date on which a reminder goes (default −3, 0, 7, 15:
 * three days before, on the day, a week and a fortnight after); {@code channels} — in order of
 * preference (default WhatsApp, then email); {@code maxCount} — at most this many reminders per
 * invoice (default 4); {@code enabled} (default true). The shop's {@code "sendWindow"}
 * ({@code {"from":"09:00","to":"21:00"}}, India time) bounds when customers are messaged.
 */
public record ReminderRules(boolean enabled, List<Integer> offsetsDays, List<Channel> channels, int maxCount,
                            LocalTime windowFrom, LocalTime windowTo) {

    public static final ReminderRules DEFAULT = new ReminderRules(true, List.of(-3, 0, 7, 15),
            List.of(Channel.WHATSAPP, Channel.EMAIL), 4, LocalTime.of(9, 0), LocalTime.of(21, 0));

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ReminderRules fromShopSettings(String settingsJson) {
        if (settingsJson == null || settingsJson.isBlank()) {
            return DEFAULT;
        }
        try {
            JsonNode root = JSON.readTree(settingsJson);
            JsonNode r = root.path("reminders");
            JsonNode window = root.path("sendWindow");
            List<Integer> offsets = new ArrayList<>();
            r.path("offsetsDays").forEach(n -> offsets.add(n.asInt()));
            List<Channel> channels = new ArrayList<>();
            r.path("channels").forEach(n -> channels.add(Channel.valueOf(n.asText())));
            return new ReminderRules(
                    r.path("enabled").asBoolean(true),
                    offsets.isEmpty() ? DEFAULT.offsetsDays : List.copyOf(offsets),
                    channels.isEmpty() ? DEFAULT.channels : List.copyOf(channels),
                    r.path("maxCount").asInt(DEFAULT.maxCount),
                    window.has("from") ? LocalTime.parse(window.get("from").asText()) : DEFAULT.windowFrom,
                    window.has("to") ? LocalTime.parse(window.get("to").asText()) : DEFAULT.windowTo);
        } catch (Exception e) {
            throw new IllegalArgumentException("The shop's reminder settings are not valid: " + e.getMessage(), e);
        }
    }
}
