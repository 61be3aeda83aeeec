package com.gstcomms.core.gst;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tax figures of a whole invoice, from {@link GstCalculator#calculate}. Every total is the
 * sum of the line figures, so the printed table adds up to the paisa:
 * {@code taxableTotal + cgst + sgst + igst + cess = totalBeforeRoundOff} and
 * {@code totalBeforeRoundOff + roundOff = grandTotal}.
 *
 * @param byRate       one entry per GST rate, lowest rate first
 * @param byHsnAndRate one entry per HSN/SAC, rate and unit quantity code (GSTR-1 Table 12), ordered by code,
 *                     rate, then unit
 * @param roundOff     signed adjustment to the nearest rupee (CGST Act s.170), between −0.49 and +0.50
 * @param grandTotal   the amount payable, a whole number of rupees
 */
public record TaxedInvoice(SupplyType supplyType, PriceBasis priceBasis,
                           List<TaxedLine> lines, List<RateSummary> byRate, List<HsnSummary> byHsnAndRate,
                           Money taxableTotal, Money cgst, Money sgst, Money igst, Money cess,
                           Money totalBeforeRoundOff, Money roundOff, Money grandTotal) {

    public TaxedInvoice {
        lines = List.copyOf(lines);
        byRate = List.copyOf(byRate);
        byHsnAndRate = List.copyOf(byHsnAndRate);
    }

    /**
     * An invoice of these taxed lines: totals, the summaries per rate and per HSN and rate, all sums of
     * the line figures, and the grand total = total before round-off + {@code roundOff}. Used by
     * {@link GstCalculator#calculate} and by a reprint that shows the figures stored at issue.
     */
    public static TaxedInvoice ofLines(SupplyType supplyType, PriceBasis priceBasis, List<TaxedLine> lines,
                                       Money roundOff) {
        Money taxableTotal = sum(lines, TaxedLine::taxableValue);
        Money cgst = sum(lines, TaxedLine::cgst);
        Money sgst = sum(lines, TaxedLine::sgst);
        Money igst = sum(lines, TaxedLine::igst);
        Money cess = sum(lines, TaxedLine::cess);
        Money beforeRoundOff = taxableTotal.plus(cgst).plus(sgst).plus(igst).plus(cess);
        return new TaxedInvoice(supplyType, priceBasis, lines, byRate(lines), byHsnAndRate(lines),
                taxableTotal, cgst, sgst, igst, cess, beforeRoundOff, roundOff, beforeRoundOff.plus(roundOff));
    }

    /** The total before round-off of these lines (taxable value plus every tax). */
    public static Money totalOf(List<TaxedLine> lines) {
        return sum(lines, TaxedLine::taxableValue).plus(sum(lines, TaxedLine::cgst)).plus(sum(lines, TaxedLine::sgst))
                .plus(sum(lines, TaxedLine::igst)).plus(sum(lines, TaxedLine::cess));
    }

    private static List<RateSummary> byRate(List<TaxedLine> lines) {
        Map<Rate, List<TaxedLine>> groups = new TreeMap<>();
        for (TaxedLine line : lines) {
            groups.computeIfAbsent(line.line().rate(), r -> new ArrayList<>()).add(line);
        }
        return groups.entrySet().stream()
                .map(e -> new RateSummary(e.getKey(),
                        sum(e.getValue(), TaxedLine::taxableValue), sum(e.getValue(), TaxedLine::cgst),
                        sum(e.getValue(), TaxedLine::sgst), sum(e.getValue(), TaxedLine::igst),
                        sum(e.getValue(), TaxedLine::cess)))
                .toList();
    }

    private record HsnKey(String hsnSac, String uqc, Rate rate) {
    }

    private static List<HsnSummary> byHsnAndRate(List<TaxedLine> lines) {
        Map<HsnKey, List<TaxedLine>> groups = new TreeMap<>(
                Comparator.comparing(HsnKey::hsnSac).thenComparing(HsnKey::rate).thenComparing(HsnKey::uqc));
        for (TaxedLine line : lines) {
            InvoiceLine l = line.line();
            groups.computeIfAbsent(new HsnKey(l.hsnSac(), Uqc.forSummary(l.hsnSac(), l.unit()), l.rate()),
                    k -> new ArrayList<>()).add(line);
        }
        return groups.entrySet().stream()
                .map(e -> new HsnSummary(e.getKey().hsnSac(), e.getKey().uqc(), quantity(e.getKey(), e.getValue()),
                        e.getKey().rate(),
                        sum(e.getValue(), TaxedLine::taxableValue), sum(e.getValue(), TaxedLine::cgst),
                        sum(e.getValue(), TaxedLine::sgst), sum(e.getValue(), TaxedLine::igst),
                        sum(e.getValue(), TaxedLine::cess)))
                .toList();
    }

    /** The lines' quantities added up; a service has no quantity (GSTR-1 Table 12 reports 0). */
    private static BigDecimal quantity(HsnKey key, List<TaxedLine> lines) {
        if (Uqc.SERVICE.equals(key.uqc())) {
            return BigDecimal.ZERO;
        }
        return lines.stream().map(l -> l.line().quantity()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Money sum(List<TaxedLine> lines, Function<TaxedLine, Money> amount) {
        return Money.sum(lines.stream().map(amount).toList());
    }

    /** CGST + SGST + IGST + cess. */
    public Money totalTax() {
        return cgst.plus(sgst).plus(igst).plus(cess);
    }
}
