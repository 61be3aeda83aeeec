package com.gstcomms.core.invoice;

import com.gstcomms.core.validation.Validated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceNumberTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"INV/2627/000123", "A", "1", "inv-1", "2627/000001", "ABCDEFGHIJ123456", "A-/-/", " INV1 "})
    void acceptsLettersDigitsHyphensAndSlashesUpToSixteen(String number) {
        assertThat(InvoiceNumber.validate(number)).isEqualTo(Validated.valid(number.strip()));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""                 | invoice number is missing
            ABCDEFGHIJ1234567  | invoice number 'ABCDEFGHIJ1234567' has 17 characters; at most 16 are allowed
            INV 1              | invoice number 'INV 1' has ' ' at position 4; only letters, digits, '-' and '/' are allowed
            INV#1              | has '#' at position 4
            INV_1              | has '_' at position 4
            INV.1              | has '.' at position 4
            ÍNV1               | has 'Í' at position 1
            0INV1              | invoice number '0INV1' must not start with '0'
            /INV1              | invoice number '/INV1' must start with a letter or digit, not '/'
            -INV1              | must start with a letter or digit, not '-'
            """)
    void rejectsAnInvalidNumberSayingWhy(String number, String reason) {
        Validated<String> result = InvoiceNumber.validate(number);
        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection()).get().asString().contains(reason);
    }

    @ParameterizedTest(name = "{0} {1} #{2} -> {3}")
    @CsvSource({
            "INV,      2026, 123,        INV/2627/000123",
            "INV,      2026, 1,          INV/2627/000001",
            "INV,      2026, 999999,     INV/2627/999999",
            "INV,      2026, 1234567,    INV/2627/1234567",
            "'',       2026, 123,        2627/000123",
            "INV-,     2026, 123,        INV-2627/000123",
            "SHOP/,    2026, 123,        SHOP/2627/000123",
            "ABCDEF,   2026, 7,          ABCDEF/2627/0007",
            "ABCDEFG,  2026, 123,        ABCDEFG/2627/123",
            "ab,       2099, 42,         ab/9900/000042"
    })
    void formatsASeriesNumberShrinkingThePaddingToFitSixteen(String prefix, int fyStart, long sequence,
                                                             String expected) {
        String number = InvoiceNumber.format(prefix, new FinancialYear(fyStart), sequence);
        assertThat(number).isEqualTo(expected);
        assertThat(InvoiceNumber.validate(number).isValid()).isTrue();
    }

    @ParameterizedTest(name = "{0} #{1} -> {2}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            SHOPNAME     | 123      | invoice number SHOPNAME/2627/123 would have 17 characters; at most 16 are allowed (CGST Rule 46(b)); shorten the prefix 'SHOPNAME' to 7 characters or fewer
            INV          | 12345678 | shorten the prefix 'INV' to 2 characters or fewer
            ABCDEFGHIJKL | 1        | would have 19 characters
            0INV         | 1        | invoice prefix is unusable: prefix '0INV' must not start with '0'
            IN V         | 1        | invoice prefix is unusable: prefix 'IN V' has ' ' at position 3
            INV          | 0        | invoice sequence must be 1 or more, found 0
            """)
    void refusesToFormatANumberThatCannotBeValidSayingWhy(String prefix, long sequence, String reason) {
        assertThatThrownBy(() -> InvoiceNumber.format(prefix, new FinancialYear(2026), sequence))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
