package com.gstcomms.core.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            "+91 98765 43210,  +919876543210",
            "09876543210,      +919876543210",
            "9876543210,       +919876543210",
            "91-98765-43210,   +919876543210",
            "+91-9876543210,   +919876543210",
            "'(+91) 98765 43210', +919876543210",
            "022 2345 6789,    +912223456789",
            "+44 20 7946 0958, +442079460958",
            "+971 50 123 4567, +971501234567"
    })
    void normalisesToE164WithIndiaAsTheDefaultRegion(String input, String e164) {
        assertThat(Phone.toE164(input)).isEqualTo(Validated.valid(e164));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""                    | phone number is missing
            12345                 | phone number '12345' is too short
            +91 99999             | is too short
            +91 98765 432109876   | is too long
            abc                   | phone number 'abc' is not a phone number
            +999 1234567          | has an unknown country code
            5555555555            | phone number '5555555555' is not a valid number in IN
            """)
    void rejectsANumberSayingWhy(String input, String reason) {
        Validated<String> result = Phone.toE164(input);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        assertThat(result.rejection()).get().asString().contains(reason);
        assertThat(((Validated.Invalid<String>) result).field()).isEqualTo("phone");
    }

    @Test
    void readsNumbersWithoutACountryCodeAsTheGivenRegions() {
        assertThat(Phone.toE164("020 7946 0958", "GB")).isEqualTo(Validated.valid("+442079460958"));
        assertThat(Phone.toE164("5555555555").forField("shippingPhone"))
                .isEqualTo(Validated.invalid("shippingPhone", "phone number '5555555555' is not a valid number in IN"));
    }
}
