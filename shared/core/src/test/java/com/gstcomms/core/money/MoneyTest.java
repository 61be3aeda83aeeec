package com.gstcomms.core.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest(name = "{0} -> {1} ({2} paise)")
    @CsvSource({
            "1234.50,   1234.50, 123450",
            "1234.5,    1234.50, 123450",
            "1234,      1234.00, 123400",
            "0,         0.00,    0",
            "0.05,      0.05,    5",
            "-0.05,     -0.05,   -5",
            "-12,       -12.00,  -1200",
            "' 7.10 ',  7.10,    710",
            "99999999999.99, 99999999999.99, 9999999999999"
    })
    void parsesAndFormatsAsADecimalStringWithTwoPlaces(String text, String formatted, long paise) {
        Money money = Money.parse(text);
        assertThat(money.paise()).isEqualTo(paise);
        assertThat(money.toString()).isEqualTo(formatted);
        assertThat(money.toBigDecimal()).isEqualByComparingTo(formatted).hasScaleOf(2);
    }

    @ParameterizedTest(name = "rejects [{0}]")
    @ValueSource(strings = {"1,234.50", "12.345", "₹12", "1e3", "", " ", "abc", "12.", ".5", "+5", "--1", "1 000"})
    void rejectsTextThatIsNotAPlainDecimalWithAtMostTwoPlaces(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");
    }

    @ParameterizedTest(name = "{0} + {1} = {2}, {0} - {1} = {3}")
    @CsvSource({
            "100.00, 0.01,    100.01, 99.99",
            "0.10,   0.20,    0.30,   -0.10",
            "-5.50,  5.50,    0.00,   -11.00",
            "2877.97, 518.03, 3396.00, 2359.94"
    })
    void addsAndSubtractsExactly(String a, String b, String sum, String difference) {
        assertThat(Money.parse(a).plus(Money.parse(b))).isEqualTo(Money.parse(sum));
        assertThat(Money.parse(a).minus(Money.parse(b))).isEqualTo(Money.parse(difference));
    }

    @ParameterizedTest(name = "{0} x {1} ({2}) = {3}")
    @CsvSource({
            "849.00, 4,     HALF_UP,   3396.00",
            "99.99,  1.5,   HALF_UP,   149.99",
            "99.99,  1.5,   HALF_EVEN, 149.98",
            "99.99,  1.5,   DOWN,      149.98",
            "120.33, 1.5,   HALF_UP,   180.50",
            "0.01,   0.5,   HALF_UP,   0.01",
            "0.01,   0.5,   HALF_DOWN, 0.00",
            "10.00,  0.333, HALF_UP,   3.33"
    })
    void multipliesByAWholeOrFractionalQuantityWithAnExplicitRounding(String price, BigDecimal quantity,
                                                                        RoundingMode mode, String expected) {
        assertThat(Money.parse(price).times(quantity, mode)).isEqualTo(Money.parse(expected));
    }

    @Test
    void multipliesByAWholeQuantityExactly() {
        assertThat(Money.parse("849.00").times(4)).isEqualTo(Money.parse("3396.00"));
    }

    @ParameterizedTest(name = "{1}% of {0} ({2}) = {3}")
    @CsvSource({
            "1000.00, 18,    HALF_UP,   180.00",
            "2877.97, 9,     HALF_UP,   259.02",
            "10.10,   2.5,   HALF_UP,   0.25",
            "10.10,   5,     HALF_UP,   0.51",
            "0.50,    3,     HALF_UP,   0.02",
            "0.50,    3,     HALF_DOWN, 0.01",
            "0.50,    3,     UP,        0.02",
            "0.50,    3,     DOWN,      0.01",
            "1000.00, 0.125, HALF_UP,   1.25",
            "999.99,  0,     HALF_UP,   0.00"
    })
    void takesAPercentageWithAnExplicitRounding(String amount, BigDecimal percent, RoundingMode mode, String expected) {
        assertThat(Money.parse(amount).percent(percent, mode)).isEqualTo(Money.parse(expected));
        assertThat(Money.parse(amount).percent(Rate.of(percent), mode)).isEqualTo(Money.parse(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "3396.49, 3396.00",
            "3396.50, 3397.00",
            "3396.51, 3397.00",
            "0.49,    0.00",
            "-0.50,   -1.00"
    })
    void roundsHalfUpToWholeRupees(String amount, String expected) {
        assertThat(Money.parse(amount).roundToRupees(RoundingMode.HALF_UP)).isEqualTo(Money.parse(expected));
    }

    @Test
    void refusesABigDecimalWithFractionsOfAPaisaUnlessToldHowToRound() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
        assertThat(Money.of(new BigDecimal("1.005"), RoundingMode.HALF_UP)).isEqualTo(Money.ofPaise(101));
        assertThat(Money.of(new BigDecimal("12.3"))).isEqualTo(Money.ofPaise(1230));
    }

    @Test
    void writesAndReadsJsonAsADecimalString() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(Money.parse("1234.5"))).isEqualTo("\"1234.50\"");
        assertThat(mapper.readValue("\"1234.50\"", Money.class)).isEqualTo(Money.ofPaise(123450));
    }
}
