package com.gstcomms.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonMappersTest {

    private final ObjectMapper json = JsonMappers.standard();

    record Row(OffsetDateTime at, LocalDate day, Optional<String> note, BigDecimal amount) {
    }

    @Test
    void writesTimesAsIsoTextAndOptionalsAsTheirValue() throws Exception {
        Row row = new Row(OffsetDateTime.of(2026, 11, 25, 10, 15, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                LocalDate.of(2026, 11, 25), Optional.of("paid"), new BigDecimal("12.50"));
        assertThat(json.writeValueAsString(row)).isEqualTo(
                "{\"at\":\"2026-11-25T10:15:00+05:30\",\"day\":\"2026-11-25\",\"note\":\"paid\",\"amount\":12.50}");
    }

    @Test
    void readsRecordsIgnoringUnknownProperties() throws Exception {
        Row row = json.readValue("{\"day\":\"2026-11-25\",\"amount\":1.5,\"addedLater\":true}", Row.class);
        assertThat(row.day()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(row.amount()).isEqualByComparingTo("1.5");
    }

    @Test
    void refusesAnAbsurdNumberWhileReading() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":1E+999999999}", Row.class))
                .isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void configureLeavesUnknownPropertiesToTheMappersOwner() {
        ObjectMapper strict = JsonMappers.configure(new ObjectMapper());
        assertThatThrownBy(() -> strict.readValue("{\"day\":\"2026-11-25\",\"surprise\":1}", Row.class))
                .hasMessageContaining("surprise");
    }

    @Test
    void configureGivesAnyMapperTheSameSettings() throws Exception {
        ObjectMapper other = JsonMappers.configure(new ObjectMapper());
        Row row = new Row(null, LocalDate.of(2026, 1, 2), Optional.empty(), BigDecimal.ONE);
        assertThat(other.writeValueAsString(row)).isEqualTo(json.writeValueAsString(row));
    }
}
