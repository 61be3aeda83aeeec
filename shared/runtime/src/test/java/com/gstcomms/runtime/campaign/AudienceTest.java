package com.gstcomms.runtime.campaign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudienceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                        | ALL",
            "{\"type\":\"all\"}                        | ALL",
            "{\"tags\":[\"vip\",\" diwali \"]}         | TAGS",
            "{\"type\":\"TAGS\",\"tags\":[\"vip\"]}    | TAGS",
            "{\"customerIds\":[42,7,42]}               | CUSTOMERS"})
    void readsEachKindOfAudience(String json, Audience.Type type) {
        assertThat(Audience.parse(json).type()).isEqualTo(type);
    }

    @Test
    void customerIdsAreSortedAndDistinctTagsTrimmed() {
        assertThat(Audience.parse("{\"customerIds\":[42,7,42]}").customerIds()).isEqualTo(List.of(7L, 42L));
        assertThat(Audience.parse("{\"tags\":[\" vip \"]}").tags()).isEqualTo(List.of("vip"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[]                                     | audience must be a JSON object",
            "{\"type\":\"FRIENDS\"}                 | audience.type must be one of ALL, TAGS, CUSTOMERS, not 'FRIENDS'",
            "{\"type\":\"TAGS\"}                    | audience.tags must be a non-empty list of tags",
            "{\"tags\":[\"vip\",\"\"]}              | audience.tags[1] must be a non-empty string",
            "{\"customerIds\":[]}                   | audience.customerIds must be a non-empty list of customer ids",
            "{\"customerIds\":[1,-2]}               | audience.customerIds[1] must be a positive whole number",
            "{\"customerIds\":[1.5]}                | audience.customerIds[0] must be a positive whole number",
            "not json                               | audience is not valid JSON"})
    void saysWhichFieldIsWrong(String json, String message) {
        assertThatThrownBy(() -> Audience.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
