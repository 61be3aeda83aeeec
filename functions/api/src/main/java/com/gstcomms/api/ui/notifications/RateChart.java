package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.analytics.AnalyticsResource.Figures;
import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Inline SVG charts of the analytics figures, laid out here (plain arithmetic, no chart library): the pages
 * draw the rectangles and labels this computes, so they work without JavaScript and print as they look.
 */
@TemplateData
public record RateChart(int width, int height, List<Bar> bars, List<Label> labels) {

    static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 180;
    private static final int ROW = 18;
    private static final int GAP = 10;

    /** One bar: where it is, its share (0–100) and what it says. */
    @TemplateData
    public record Bar(int x, int y, int w, int h, String metric, String text) {
    }

    @TemplateData
    public record Label(int x, int y, String text, String anchor) {
    }

    /** The metric names and how to read each from the figures, in drawing order. */
    static final Map<String, Function<Figures, BigDecimal>> RATES = ratesInOrder();

    private static Map<String, Function<Figures, BigDecimal>> ratesInOrder() {
        Map<String, Function<Figures, BigDecimal>> rates = new java.util.LinkedHashMap<>();
        rates.put("delivered", Figures::deliveryRate);
        rates.put("opened", Figures::openRate);
        rates.put("clicked", Figures::clickRate);
        rates.put("read", Figures::readRate);
        return rates;
    }

    /** Horizontal bars: per key (channel, template …) one bar per rate. */
    static RateChart rates(List<Figures> totals, Function<String, String> keyLabel) {
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int y = 0;
        int plot = WIDTH - LABEL_WIDTH - 60;
        for (Figures f : totals) {
            labels.add(new Label(0, y + 13, keyLabel.apply(f.key()) + " (" + f.sent() + " sent)", "start"));
            y += ROW;
            for (Map.Entry<String, Function<Figures, BigDecimal>> rate : RATES.entrySet()) {
                BigDecimal value = rate.getValue().apply(f);
                int w = value == null ? 0 : value.multiply(BigDecimal.valueOf(plot)).intValue();
                String text = value == null ? "–" : value.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + "%";
                labels.add(new Label(LABEL_WIDTH - 6, y + 12, rate.getKey(), "end"));
                bars.add(new Bar(LABEL_WIDTH, y + 2, Math.max(w, 1), ROW - 4, rate.getKey(), text));
                labels.add(new Label(LABEL_WIDTH + w + 4, y + 12, text, "start"));
                y += ROW;
            }
            y += GAP;
        }
        return new RateChart(WIDTH, Math.max(y, ROW), bars, labels);
    }

    /** Vertical bars: messages sent per day over the period (all keys together). */
    static RateChart daily(List<Figures> items, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, 0L);
        }
        items.forEach(f -> perDay.merge(f.day(), f.sent(), Long::sum));
        long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int plotHeight = 160;
        int step = Math.max(1, (WIDTH - 40) / Math.max(1, perDay.size()));
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int x = 30;
        int i = 0;
        for (Map.Entry<LocalDate, Long> day : perDay.entrySet()) {
            int h = (int) (day.getValue() * plotHeight / max);
            bars.add(new Bar(x, 10 + plotHeight - h, Math.max(step - 2, 1), Math.max(h, day.getValue() > 0 ? 1 : 0),
                    "sent", day.getKey() + ": " + day.getValue() + " sent"));
            if (i % Math.max(1, perDay.size() / 6) == 0) {
                labels.add(new Label(x, plotHeight + 26, day.getKey().getDayOfMonth() + "/" + day.getKey().getMonthValue(), "start"));
            }
            x += step;
            i++;
        }
        labels.add(new Label(0, 18, Long.toString(max), "start"));
        return new RateChart(WIDTH, plotHeight + 34, bars, labels);
    }
}
