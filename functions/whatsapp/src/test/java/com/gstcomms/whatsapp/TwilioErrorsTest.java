package com.gstcomms.whatsapp;

import com.gstcomms.whatsapp.TwilioErrors.Reaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioErrorsTest {

    @ParameterizedTest(name = "Twilio {0} (HTTP {1}) → {2}")
    @CsvSource(nullValues = "none", value = {
            // outside the 24-hour window: the approved template instead
            "63016, 400, RESEND_AS_TEMPLATE",
            // the number cannot receive WhatsApp: final
            "21211, 400, PERMANENT",
            "21614, 400, PERMANENT",
            "63003, 400, PERMANENT",
            // credentials
            "20003, 401, AUTHENTICATION",
            "20003, 403, AUTHENTICATION",
            "none,  401, AUTHENTICATION",
            // the recipient replied STOP
            "21610, 400, OPTED_OUT",
            // throughput and Twilio trouble: again later
            "63018, 429, RETRY",
            "63119, 400, RETRY",
            "20429, 429, RETRY",
            "20500, 500, RETRY",
            "none,  502, RETRY",
            "none,  429, RETRY",
            "none,  none, RETRY",
            // anything else wrong with this message: final
            "21656, 400, PERMANENT",
            "21617, 400, PERMANENT",
            "none,  404, PERMANENT",
    })
    void classifiesTwilioErrors(Integer code, Integer httpStatus, Reaction expected) {
        assertThat(TwilioErrors.classify(code, httpStatus)).isEqualTo(expected);
    }
}
