package com.gstcomms.core.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UpiIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"kala.handlooms@okaxis", "shop-1_a@ybl", "98765.43210@paytm"})
    void acceptsHandleAtBank(String id) {
        assertThat(UpiId.matches(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kala", "kala@", "@okaxis", "k@okaxis", "kala handlooms@okaxis", "kala@1bank", "kala@ok.axis"})
    void refusesWhatIsNotAUpiId(String id) {
        assertThat(UpiId.matches(id)).isFalse();
    }
}
