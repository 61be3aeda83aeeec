package com.gstcomms.core.words;

import com.gstcomms.core.money.Money;

import java.util.ArrayList;
import java.util.List;

/**
 * An amount in words in the Indian numbering system, for the "total in words" of a tax invoice
 * (CGST Rule 46(l) asks for the total value in figures and in words):
 * {@code "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Seventy-Eight Paise Only"}.
 *
 * <p>Groups are crore (10<sup>7</sup>), lakh (10<sup>5</sup>), thousand, hundred; tens are
 * hyphenated ("Twenty-Three"); no "and" inside the rupees, only before the paise. Above 99 crore
 * the count of crores is itself said in the Indian way ("One Hundred Twenty-Three Crore",
 * "One Lakh Crore"). Zero is "Rupees Zero Only"; paise alone is "Fifty Paise Only".
 * Negative amounts are refused: an invoice total is never negative, and a credit note prints
 * its amount without a sign.
 */
public final class AmountInWords {

    private static final String[] ONES = {
            "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
            "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
    private static final String[] TENS = {
            "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};

    private static final long CRORE = 1_00_00_000L;
    private static final long LAKH = 1_00_000L;
    private static final long THOUSAND = 1_000L;

    private AmountInWords() {
    }

    public static String of(Money amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount in words needs a non-negative amount, found " + amount);
        }
        long rupees = amount.rupeesPart();
        int paise = amount.paisePart();
        if (rupees == 0 && paise == 0) {
            return "Rupees Zero Only";
        }
        if (rupees == 0) {
            return belowHundred(paise) + " Paise Only";
        }
        String words = "Rupees " + rupeesInWords(rupees);
        if (paise > 0) {
            words += " and " + belowHundred(paise) + " Paise";
        }
        return words + " Only";
    }

    /** A positive whole number in Indian words, e.g. 100000 → "One Lakh". */
    static String rupeesInWords(long n) {
        List<String> parts = new ArrayList<>();
        long crores = n / CRORE;
        long rest = n % CRORE;
        if (crores > 0) {
            parts.add(rupeesInWords(crores) + " Crore");
        }
        int lakhs = (int) (rest / LAKH);
        int thousands = (int) (rest % LAKH / THOUSAND);
        int hundreds = (int) (rest % THOUSAND / 100);
        int units = (int) (rest % 100);
        if (lakhs > 0) {
            parts.add(belowHundred(lakhs) + " Lakh");
        }
        if (thousands > 0) {
            parts.add(belowHundred(thousands) + " Thousand");
        }
        if (hundreds > 0) {
            parts.add(ONES[hundreds] + " Hundred");
        }
        if (units > 0) {
            parts.add(belowHundred(units));
        }
        return String.join(" ", parts);
    }

    private static String belowHundred(int n) {
        if (n < 20) {
            return ONES[n];
        }
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + "-" + ONES[n % 10];
    }
}
