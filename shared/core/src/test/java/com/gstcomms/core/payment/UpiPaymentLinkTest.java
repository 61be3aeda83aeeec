package com.gstcomms.core.payment;

import com.gstcomms.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpiPaymentLinkTest {

    @Test
    void fillsInPayeeAmountAndInvoiceNumberEncoded() {
        assertThat(UpiPaymentLink.of("kala.handlooms@okaxis", "Kala Handlooms & Co", Money.parse("3396.00"),
                "INV/2627/000123"))
                .isEqualTo("upi://pay?pa=kala.handlooms@okaxis&pn=Kala%20Handlooms%20%26%20Co&am=3396.00&cu=INR"
                        + "&tn=INV%2F2627%2F000123");
    }

    @Test
    void encodesANameInDevanagariAsUtf8() {
        assertThat(UpiPaymentLink.of("shop@upi", "रंगोली", Money.parse("10"), "A1"))
                .contains("pn=%E0%A4%B0%E0%A4%82%E0%A4%97%E0%A5%8B%E0%A4%B2%E0%A5%80&");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kala", "kala@", "@okaxis", "kala handlooms@okaxis"})
    void refusesWhatIsNotAUpiId(String vpa) {
        assertThatThrownBy(() -> UpiPaymentLink.of(vpa, "K", Money.parse("1.00"), null))
                .hasMessageContaining("is not of the form name@bank");
    }

    @Test
    void refusesANothingToPayLink() {
        assertThatThrownBy(() -> UpiPaymentLink.of("kala@okaxis", "K", Money.ZERO, null))
                .hasMessageContaining("positive amount");
    }
}
