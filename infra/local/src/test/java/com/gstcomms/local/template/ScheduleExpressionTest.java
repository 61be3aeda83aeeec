package com.gstcomms.local.template;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge schedule expressions (UTC; day-of-week 1 = Sunday; one of the day fields is '?'). */
class ScheduleExpressionTest {

    @ParameterizedTest(name = "{0} after {1} fires at {2}")
    @CsvSource(textBlock = """
            'cron(30 3 * * ? *)',          2026-11-25T02:00:00Z, 2026-11-25T03:30Z
            'cron(30 3 * * ? *)',          2026-11-25T03:30:00Z, 2026-11-26T03:30Z
            'cron(0/15 * * * ? *)',        2026-11-25T10:07:00Z, 2026-11-25T10:15Z
            'cron(0 9 ? * MON-FRI *)',     2026-11-28T12:00:00Z, 2026-11-30T09:00Z
            'cron(0 9 ? * 2 *)',           2026-11-25T12:00:00Z, 2026-11-30T09:00Z
            'cron(0 0 1 * ? *)',           2026-11-25T12:00:00Z, 2026-12-01T00:00Z
            'cron(0 0 29 FEB ? *)',        2026-03-01T00:00:00Z, 2028-02-29T00:00Z
            'cron(15 10 ? * 6L 2002-2005)',2026-01-01T00:00:00Z, ''
            'rate(1 minute)',              2026-11-25T10:07:30Z, 2026-11-25T10:08:30Z
            'rate(5 minutes)',             2026-11-25T10:07:00Z, 2026-11-25T10:12Z
            'rate(1 day)',                 2026-11-25T10:07:00Z, 2026-11-26T10:07Z
            """)
    void firesAtTheNextMatchingMinute(String expression, String after, String expected) {
        if (expected == null || expected.isEmpty()) {
            assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                    .hasMessageContaining("not supported locally");
            return;
        }
        assertThat(ScheduleExpression.parse(expression).nextAfter(ZonedDateTime.parse(after)))
                .isEqualTo(ZonedDateTime.parse(expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(30 3 * * * *)     | exactly one of day-of-month and day-of-week must be '?'
            cron(30 3 * *)         | cron needs 6 fields
            cron(61 3 * * ? *)     | cron field '61' is outside 0-59
            rate(1 minutes)        | rate 1 needs the singular unit
            rate(5 minute)         | rate 5 needs the plural unit
            rate(0 minutes)        | rate must be positive
            every 5 minutes        | not a schedule expression
            """)
    void refusesWhatEventBridgeRefuses(String expression, String message) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).hasMessageContaining(message);
    }
}
