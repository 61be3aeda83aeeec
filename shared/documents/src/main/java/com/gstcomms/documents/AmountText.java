package com.gstcomms.documents;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

import java.math.BigDecimal;

/**
 * Amounts as an Indian accountant reads them: digits grouped in the Indian system (the last three,
 * then pairs: {@code 1,23,45,678.90}), always two decimal places, a leading minus for negatives.
 */
public final class AmountText {

    /** The rupee sign U+20B9, in the bundled Noto Sans. */
    public static final String RUPEE = "\u20B9";

    private AmountText() {
    }

    /** {@code 1,23,456.78}. */
    public static String of(Money amount) {
        long paise = amount.paise();
        boolean negative = paise < 0;
        String digits = Long.toString(Math.abs(amount.rupeesPart()));
        int fraction = Math.abs(amount.paisePart());
        StringBuilder grouped = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            int fromEnd = n - i;
            grouped.append(digits.charAt(i));
            // A separator after the thousands group (3 digits from the end), then every 2 digits.
            if (fromEnd > 3 && (fromEnd - 3) % 2 == 1) {
                grouped.append(',');
            }
        }
        return (negative ? "-" : "") + grouped + "." + (fraction < 10 ? "0" : "") + fraction;
    }

    /** {@code ₹ 1,23,456.78}. */
    public static String rupees(Money amount) {
        return RUPEE + " " + of(amount);
    }

    /** A signed amount, e.g. a round-off: {@code +0.40}, {@code -0.30}, {@code 0.00}. */
    public static String signed(Money amount) {
        return amount.signum() > 0 ? "+" + of(amount) : of(amount);
    }

    /** A rate without needless zeros: {@code 18%}, {@code 2.5%}, {@code 0.125%}. */
    public static String percent(Rate rate) {
        return rate + "%";
    }

    /** A quantity without needless zeros: {@code 4}, {@code 1.5}. */
    public static String quantity(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
