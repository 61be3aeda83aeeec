package com.gstcomms.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HsnSacTest {

    @ParameterizedTest(name = "[{0}] -> {1}, service={2}")
    @CsvSource({
            "7323,         7323,     false",
            "732393,       732393,   false",
            "73239310,     73239310, false",
            "'7323 93 10', 73239310, false",
            "7323.93,      732393,   false",
            "6211,         6211,     false",
            "0101,         0101,     false",
            "9983,         9983,     true",
            "996812,       996812,   true",
            "' 998314 ',   998314,   true"
    })
    void acceptsFourSixOrEightDigitsAndTellsServicesByTheirNinetyNine(String input, String code, boolean service) {
        assertThat(HsnSac.validate(input)).isEqualTo(Validated.valid(code));
        assertThat(HsnSac.isService(code)).isEqualTo(service);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""          | HSN/SAC code is missing
            73          | HSN/SAC code '73' must have 4, 6 or 8 digits, found 2
            73239       | must have 4, 6 or 8 digits, found 5
            7323931     | must have 4, 6 or 8 digits, found 7
            732393101   | must have 4, 6 or 8 digits, found 9
            73A3        | HSN/SAC code '73A3' must contain only digits
            0012        | has chapter 00, which does not exist
            99681200    | SAC code '99681200' has 8 digits; service codes (starting 99) have 4 or 6
            """)
    void rejectsACodeSayingWhy(String input, String reason) {
        Validated<String> result = HsnSac.validate(input);
        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection()).get().asString().contains(reason);
        assertThat(((Validated.Invalid<String>) result).field()).isEqualTo("hsnSac");
    }
}
