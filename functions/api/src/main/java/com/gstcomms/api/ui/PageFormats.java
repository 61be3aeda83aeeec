package com.gstcomms.api.ui;

import com.gstcomms.core.time.India;
import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages print times (India time, as merchants read them) and rates ({@code 0.9231} → 92.3%). */
@TemplateExtension(namespace = "fmt")
public final class PageFormats {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private PageFormats() {
    }

    /** {@code {fmt:ist(n.createdAt)}}: "26 Nov 2026, 10:15" in India time; empty for none. */
    static String ist(OffsetDateTime time) {
        return time == null ? "" : SHOWN.format(time.atZoneSameInstant(India.ZONE));
    }

    /** {@code {fmt:percent(f.deliveryRate)}}: "92.3%", or "–" when there was nothing to divide by. */
    static String percent(BigDecimal rate) {
        return rate == null ? "–" : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
