package com.gstcomms.core.words;

import com.gstcomms.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountInWordsTest {

    /**
     * The amounts issue 2 names (0, 0.50, 1, 99.99, 1,00,000, 12,34,56,789.05, 1,00,00,000), the
     * worked example "One Lakh Twenty-Three Thousand …", and 1,23,45,67,789.05 for crore above 99
     * (crore keeps counting: "One Hundred Twenty-Three Crore", not "One Arab").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            123456.78    | Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Seventy-Eight Paise Only
            0.00         | Rupees Zero Only
            0.50         | Fifty Paise Only
            1.00         | Rupees One Only
            99.99        | Rupees Ninety-Nine and Ninety-Nine Paise Only
            100000.00    | Rupees One Lakh Only
            123456789.05 | Rupees Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine and Five Paise Only
            1234567789.05| Rupees One Hundred Twenty-Three Crore Forty-Five Lakh Sixty-Seven Thousand Seven Hundred Eighty-Nine and Five Paise Only
            10000000.00  | Rupees One Crore Only
            """)
    void spellsAnAmountInIndianWords(String amount, String words) {
        assertThat(AmountInWords.of(Money.parse(amount))).isEqualTo(words);
    }

    @Test
    void refusesANegativeAmount() {
        assertThatThrownBy(() -> AmountInWords.of(Money.parse("-1.00"))).hasMessageContaining("non-negative");
    }
}
