package com.gstcomms.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            aarav0@example.in              | aarav0@example.in
            "  Priya.Gupta@Example.IN  "   | Priya.Gupta@example.in
            first.last+tag@mail.co.in      | first.last+tag@mail.co.in
            o'neil@example.com             | o'neil@example.com
            user@sub-domain.example.org    | user@sub-domain.example.org
            user@xn--p1ai.xn--p1ai         | user@xn--p1ai.xn--p1ai
            """)
    void acceptsAPracticalAddressTrimmingAndLowerCasingTheDomain(String input, String normalised) {
        assertThat(Email.validate(input)).isEqualTo(Validated.valid(normalised));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""                       | email address is missing
            aarav0example.in         | email address 'aarav0example.in' has no '@'
            a@b@example.in           | has more than one '@'
            @example.in              | has nothing before the '@'
            aarav@                   | has no domain after the '@'
            aarav@localhost          | has no '.' in its domain 'localhost'
            aarav@example..in        | has an invalid domain 'example..in'
            aarav@-example.in        | has an invalid domain
            aarav@example.i          | has an invalid top-level domain 'i'
            aarav@example.123        | has an invalid top-level domain '123'
            aarav nair@example.in    | contains a space
            .aarav@example.in        | has a misplaced '.' before the '@'
            aarav..nair@example.in   | has a misplaced '.'
            aa(rav)@example.in       | has a character not allowed before the '@'
            आरव@example.in           | has a character not allowed before the '@'
            """)
    void rejectsAnAddressSayingWhy(String input, String reason) {
        Validated<String> result = Email.validate(input);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        assertThat(result.rejection()).get().asString().contains(reason);
        assertThat(((Validated.Invalid<String>) result).field()).isEqualTo("email");
    }
}
