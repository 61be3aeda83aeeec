package com.gstcomms.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PinCodeTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            "411001,     411001",
            "' 560001 ', 560001",
            "411 001,    411001",
            "110001,     110001",
            "999001,     999001"
    })
    void acceptsSixDigitsNotStartingWithZero(String input, String normalised) {
        assertThat(PinCode.validate(input)).isEqualTo(Validated.valid(normalised));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""        | PIN code is missing
            41100     | PIN code '41100' must be 6 digits, found 5
            4110011   | PIN code '4110011' must be 6 digits, found 7
            011001    | PIN code '011001' must not start with 0
            41100A    | PIN code '41100A' must contain only digits
            411-001   | must contain only digits
            """)
    void rejectsAPinCodeSayingWhy(String input, String reason) {
        Validated<String> result = PinCode.validate(input);
        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection()).get().asString().contains(reason);
        assertThat(((Validated.Invalid<String>) result).field()).isEqualTo("pinCode");
    }
}
