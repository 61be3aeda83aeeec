package com.gstcomms.runtime.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.message.Channel;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the API writes into shop.settings is what the scheduler runs: one reading, one set of defaults. */
class ReminderSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whatIsCheckedAndWrittenIsWhatTheSchedulerRuns() {
        List<String> problems = new ArrayList<>();
        ReminderSettings.Reminders reminders = ReminderSettings.check(new ReminderSettings.Reminders(
                true, List.of(7, -3, 7), List.of(" email", "WHATSAPP"), 3), (f, m) -> problems.add(f + ": " + m), "reminders.");
        ReminderSettings.SendWindow window = ReminderSettings.check(new ReminderSettings.SendWindow("08:30", "20:00"), (f, m) -> problems.add(f + ": " + m), "from", "to");
        assertThat(problems).isEmpty();
        ObjectNode settings = JSON.createObjectNode().put("other", "kept");
        ReminderSettings.write(settings, reminders);
        ReminderSettings.write(settings, window);

        assertThat(settings.toString()).isEqualTo("{\"other\":\"kept\",\"reminders\":{\"enabled\":true,\"offsetsDays\":[-3,7],"
                + "\"channels\":[\"EMAIL\",\"WHATSAPP\"],\"maxCount\":3},\"sendWindow\":{\"from\":\"08:30\",\"to\":\"20:00\"}}");
        assertThat(ReminderRules.fromShopSettings(settings.toString())).isEqualTo(new ReminderRules(true, List.of(-3, 7),
                List.of(Channel.EMAIL, Channel.WHATSAPP), 3, LocalTime.of(8, 30), LocalTime.of(20, 0)));
    }

    @Test
    void missingPartsTakeTheSameDefaultsEverywhere() {
        assertThat(ReminderRules.fromShopSettings(null)).isEqualTo(ReminderRules.DEFAULT);
        assertThat(ReminderRules.fromShopSettings("{}")).isEqualTo(ReminderRules.DEFAULT);
        assertThat(ReminderRules.fromShopSettings("{\"reminders\":{\"enabled\":false}}"))
                .isEqualTo(new ReminderRules(false, List.of(-3, 0, 7, 15), List.of(Channel.WHATSAPP, Channel.EMAIL), 4,
                        LocalTime.of(9, 0), LocalTime.of(21, 0)));
        assertThat(ReminderSettings.reminders(JSON.createObjectNode())).isEqualTo(ReminderSettings.Reminders.DEFAULT);
        assertThat(ReminderSettings.sendWindow(JSON.createObjectNode())).isEqualTo(ReminderSettings.SendWindow.DEFAULT);
    }

    @Test
    void wrongFieldsAreNamedAndAStoredRowThatCannotRunIsRefused() {
        List<String> fields = new ArrayList<>();
        ReminderSettings.check(new ReminderSettings.Reminders(true, List.of(400), List.of("SMS"), 0),
                (f, m) -> fields.add(f), "reminders.");
        ReminderSettings.check(new ReminderSettings.SendWindow("21:00", "09:00"), (f, m) -> fields.add(f), "from", "to");
        assertThat(fields).containsExactly("reminders.offsetsDays", "reminders.offsetsDays", "reminders.channels",
                "reminders.channels", "reminders.maxCount", "to");

        assertThatThrownBy(() -> ReminderRules.fromShopSettings("{\"reminders\":{\"channels\":[\"SMS\"]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reminder settings are not valid");
    }
}
