package com.gstcomms.core.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateTest {

    @ParameterizedTest(name = "{0} -> {1}%, half {2}%")
    @CsvSource({
            "0,      0,    0",
            "0.25,   0.25, 0.125",
            "3,      3,    1.5",
            "5,      5,    2.5",
            "12,     12,   6",
            "12.5,   12.5, 6.25",
            "18.00,  18,   9",
            "28,     28,   14",
            "40,     40,   20",
            "290,    290,  145",
            "'18 %', 18,   9"
    })
    void acceptsAnyNonNegativeRateAndHalvesItExactly(String text, String normalised, String half) {
        Rate rate = Rate.of(text);
        assertThat(rate.toString()).isEqualTo(normalised);
        assertThat(rate.half().toString()).isEqualTo(half);
        assertThat(rate).isEqualTo(Rate.of(normalised));
    }

    @ParameterizedTest(name = "rejects [{0}]")
    @ValueSource(strings = {"-5", "abc", "", "18%%"})
    void rejectsNegativeOrNonNumericRates(String text) {
        assertThatThrownBy(() -> Rate.of(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    }

    @Test
    void writesAndReadsJsonAsANumber() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(Rate.of("18.00"))).isEqualTo("18");
        assertThat(mapper.writeValueAsString(Rate.of("2.50"))).isEqualTo("2.5");
        assertThat(mapper.readValue("2.5", Rate.class)).isEqualTo(Rate.of("2.5"));
        assertThat(mapper.readValue("\"0.25\"", Rate.class)).isEqualTo(Rate.of("0.25"));
    }
}
