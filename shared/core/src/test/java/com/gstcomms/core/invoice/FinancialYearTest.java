package com.gstcomms.core.invoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinancialYearTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-04-01, 2026-27, 2627, 2026-04-01, 2027-03-31",
            "2026-10-05, 2026-27, 2627, 2026-04-01, 2027-03-31",
            "2027-03-31, 2026-27, 2627, 2026-04-01, 2027-03-31",
            "2027-04-01, 2027-28, 2728, 2027-04-01, 2028-03-31",
            "2026-01-15, 2025-26, 2526, 2025-04-01, 2026-03-31",
            "2099-06-01, 2099-00, 9900, 2099-04-01, 2100-03-31",
            "2000-02-29, 1999-00, 9900, 1999-04-01, 2000-03-31"
    })
    void runsFromAprilToMarch(LocalDate date, String label, String shortLabel, LocalDate start, LocalDate end) {
        FinancialYear fy = FinancialYear.of(date);
        assertThat(fy.label()).isEqualTo(label);
        assertThat(fy.shortLabel()).isEqualTo(shortLabel);
        assertThat(fy.start()).isEqualTo(start);
        assertThat(fy.end()).isEqualTo(end);
        assertThat(fy.contains(date)).isTrue();
        assertThat(FinancialYear.parse(label)).isEqualTo(fy);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2026-28", "2026/27", "26-27", "2026", "", "2026-2027"})
    void rejectsALabelThatIsNotTwoConsecutiveYears(String label) {
        assertThatThrownBy(() -> FinancialYear.parse(label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("financial year");
    }

    @Test
    void writesJsonAsItsLabel() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(new FinancialYear(2026))).isEqualTo("\"2026-27\"");
        assertThat(mapper.readValue("\"2026-27\"", FinancialYear.class)).isEqualTo(new FinancialYear(2026));
        assertThat(new FinancialYear(2026).next()).isEqualTo(new FinancialYear(2027));
    }
}
