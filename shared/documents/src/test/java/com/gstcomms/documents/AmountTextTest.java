package com.gstcomms.documents;

import com.gstcomms.core.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AmountTextTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "0.00, 0.00",
            "5.5, 5.50",
            "999.00, 999.00",
            "1000.00, '1,000.00'",
            "12345.67, '12,345.67'",
            "123456.78, '1,23,456.78'",
            "1234567.00, '12,34,567.00'",
            "12345678.90, '1,23,45,678.90'",
            "1234567890.12, '1,23,45,67,890.12'",
            "-0.30, -0.30",
            "-123456.00, '-1,23,456.00'"})
    void groupsDigitsTheIndianWay(String amount, String printed) {
        assertThat(AmountText.of(Money.parse(amount))).isEqualTo(printed);
    }

    @ParameterizedTest(name = "round-off {0} prints as {1}")
    @CsvSource({"0.40, +0.40", "-0.30, -0.30", "0.00, 0.00"})
    void signsTheRoundOff(String amount, String printed) {
        assertThat(AmountText.signed(Money.parse(amount))).isEqualTo(printed);
    }
}
