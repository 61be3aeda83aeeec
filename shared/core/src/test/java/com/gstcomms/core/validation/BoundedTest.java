package com.gstcomms.core.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BoundedTest {

    @Test
    void refusesAHugeExponentAtOnceWithoutBuildingTheNumber() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(Bounded.QUANTITY.check(new BigDecimal("1E+999999999")).rejection())
                    .hasValueSatisfying(r -> assertThat(r).startsWith("quantity must be more than 0 and at most 1000000")
                            .contains("1E+999999999"));
            assertThat(Bounded.QUANTITY.check(new BigDecimal("1E-999999999")).isValid()).isFalse();
            assertThat(Bounded.QUANTITY.parse("Quantity", "1E+999999999").isValid()).isFalse();
            assertThatThrownBy(() -> InvoiceLine.of("x", "7323", new BigDecimal("1E+999999999"), "NOS",
                    Money.parse("1.00"), Rate.of(18))).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void checksRangeAndDecimalPlacesAndNormalises() {
        assertThat(Bounded.GST_RATE.check(new BigDecimal("18.000")).validValue()).contains(new BigDecimal("18"));
        assertThat(Bounded.GST_RATE.check(new BigDecimal("18.125")).rejection())
                .hasValue("gstRate must have at most 2 decimal places, found 18.125");
        assertThat(Bounded.GST_RATE.check(new BigDecimal("100.01")).isValid()).isFalse();
        assertThat(Bounded.QUANTITY.check(BigDecimal.ZERO).isValid()).isFalse();
        assertThat(Bounded.QUANTITY.check(new BigDecimal("1E+30")).isValid()).isFalse();
        assertThat(Bounded.QUANTITY.check(new BigDecimal("123456789012345")).isValid()).isFalse();
        assertThat(Bounded.QUANTITY.check(new BigDecimal("1.250")).validValue()).contains(new BigDecimal("1.25"));
        assertThat(Bounded.UNIT_PRICE.money("unitPrice", "99999999999999999999999").isValid()).isFalse();
        assertThat(Bounded.UNIT_PRICE.money("unitPrice", "849.00").validValue()).contains(Money.parse("849"));
    }

    @Test
    void moneyTooLargeForALongIsAnInputErrorNotAnArithmeticOne() {
        assertThatThrownBy(() -> Money.parse("99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("9".repeat(500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJsonReaderRefusesNumbersBeyondEveryBound() throws Exception {
        ObjectMapper mapper = JsonNumbers.guard(new ObjectMapper());
        record Line(BigDecimal quantity) {
        }
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() ->
                mapper.readValue("{\"quantity\":1E+999999999}", Line.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("number must be from"));
        assertThat(mapper.readValue("{\"quantity\":1.5}", Line.class).quantity()).isEqualByComparingTo("1.5");
    }

    @Test
    void gstDocumentsAreDatedFromJuly2017AndNotFarAhead() {
        LocalDate today = LocalDate.of(2026, 12, 4);
        DateWindow window = DateWindow.gstDocuments(30);
        assertThat(window.check("issueDate", LocalDate.of(1900, 1, 1), today).rejection())
                .hasValueSatisfying(r -> assertThat(r).contains("2017-07-01"));
        assertThat(window.check("issueDate", LocalDate.of(2999, 1, 1), today).isValid()).isFalse();
        assertThat(window.check("issueDate", LocalDate.of(2017, 7, 1), today).isValid()).isTrue();
        assertThat(window.check("issueDate", today.plusDays(30), today).isValid()).isTrue();
        assertThat(window.check("issueDate", today.plusDays(31), today).isValid()).isFalse();
    }
}
