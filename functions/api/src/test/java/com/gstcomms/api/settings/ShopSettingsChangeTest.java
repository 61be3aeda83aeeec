package com.gstcomms.api.settings;

import com.gstcomms.api.http.Problem;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.runtime.settings.ReminderSettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of a shop settings change, without HTTP or a database ({@link ShopSettingsChange#check}). */
class ShopSettingsChangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);


    private static ShopSettings change(String stateCode, String gstin, String invoicePrefix,
                                       ReminderSettings.Reminders reminders) {
        return new ShopSettings(null, "Asha Traders", " ", "12 MG Road", null, "Pune", stateCode, null, "411001", gstin,
                null, null, null, null, null, invoicePrefix, null, reminders, null);
    }

    @Test
    void leftOutChoicesTakeTheirDefaultsAndLeftOutRemindersStayAsStored() {
        ShopSettingsChange.Checked checked = ShopSettingsChange.check(change("MH", "27AAPFU0939F1ZV", null, null), TODAY);

        assertThat(checked.state()).isEqualTo(IndianState.byCode("27").orElseThrow());
        assertThat(checked.tradeName()).as("blank is none").isNull();
        assertThat(checked.invoicePrefix()).isEqualTo("INV");
        assertThat(checked.pricesIncludeTax()).isTrue();
        assertThat(checked.whatsappFallbackToEmail()).isFalse();
        assertThat(checked.reminders()).as("null: the stored reminders are kept").isNull();
        assertThat(checked.window()).isNull();
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Problem problem = catchThrowableOfType(Problem.class, () -> ShopSettingsChange.check(change("KA", "27AAPFU0939F1ZV",
                "INVOICE-SERIES", new ReminderSettings.Reminders(true, List.of(500), null, null)), TODAY));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.body(null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("gstin", "invoicePrefix", "reminders.offsetsDays", "reminders.offsetsDays");
    }
}
