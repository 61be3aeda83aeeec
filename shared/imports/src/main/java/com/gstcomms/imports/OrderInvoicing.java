package com.gstcomms.imports;

import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.Uqc;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns an imported order into an invoice plan: HSN/SAC and GST rate from the shop's catalogue by SKU
 * (Shopify's export carries neither), the shop's pricing mode (tax-inclusive or not), the shipping charge
 * as part of the composite supply ({@link GstCalculator#withShipping}), and a check that the invoice adds
 * up to the order's own total — an invoice that disagrees with what the customer was charged is refused
 * with both figures rather than issued.
 */
public final class OrderInvoicing {

    private OrderInvoicing() {
    }

    public static RowResult<InvoicePlan> plan(HeaderMatch match, OrderRecord order, Map<String, CatalogueItem> catalogue,
                                              IndianState supplierState, PriceBasis basis) {
        List<RowProblem> problems = new ArrayList<>();
        String skuHeading = match.heading(OrderRows.SKU);
        for (OrderLine line : order.lines()) {
            if (!catalogue.containsKey(line.sku())) {
                problems.add(new RowProblem(line.row(), skuHeading, line.sku(), "SKU '" + line.sku()
                        + "' is not in the shop's product catalogue, which gives its HSN/SAC and GST rate; "
                        + "import the catalogue first."));
            }
        }
        List<Money> discounts = discounts(order, problems, match);
        if (!problems.isEmpty()) {
            return rejected(match, order, problems);
        }
        List<InvoiceLine> goods = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            CatalogueItem item = catalogue.get(line.sku());
            String description = line.description() == null ? item.name() : line.description();
            InvoiceLine invoiceLine = new InvoiceLine(description, item.hsnSac(), line.quantity(), Uqc.of(item.unit()).name(),
                    line.unitPrice(), discounts.get(i), item.gstRate(), item.cessRate());
            Money gross = line.unitPrice().times(line.quantity(), GstCalculator.ROUNDING);
            if (discounts.get(i).compareTo(gross) > 0) {
                problems.add(new RowProblem(line.row(), match.heading(OrderRows.LINE_DISCOUNT), discounts.get(i).toString(),
                        "The discount " + discounts.get(i) + " is more than the line's value " + gross + "."));
            }
            goods.add(invoiceLine);
        }
        if (!problems.isEmpty()) {
            return rejected(match, order, problems);
        }
        List<InvoiceLine> lines = GstCalculator.withShipping(goods, order.shipping());
        TaxedInvoice taxed = GstCalculator.calculate(lines, supplierState, order.placeOfSupply(), basis);
        Money expected = order.expectedTotal();
        if (expected != null && !expected.equals(taxed.grandTotal()) && !expected.equals(taxed.totalBeforeRoundOff())) {
            problems.add(new RowProblem(order.firstRow(), match.heading(OrderRows.TOTAL), expected.toString(),
                    "The invoice would total " + taxed.totalBeforeRoundOff() + " (" + taxed.grandTotal()
                            + " rounded) but the order's total is " + expected + "; check the shop's setting for "
                            + "prices including GST, the discounts and the shipping charge."));
            return rejected(match, order, problems);
        }
        return new RowResult.Accepted<>(order.firstRow(), new InvoicePlan(order, supplierState, lines, taxed));
    }

    /**
     * The discount of each line: the line's own, or — when no line has one — the order's discount spread
     * over the lines in proportion to their value, to the paisa (largest remainders get the odd paise),
     * since the GST arithmetic needs discounts on lines (a discount on the invoice reduces the taxable
     * value of the goods it is given on, CGST Act s.15(3)(a)).
     */
    static List<Money> discounts(OrderRecord order, List<RowProblem> problems, HeaderMatch match) {
        List<OrderLine> lines = order.lines();
        List<Money> own = lines.stream().map(l -> l.discount() == null ? Money.ZERO : l.discount()).toList();
        Money orderDiscount = order.orderDiscount() == null ? Money.ZERO : order.orderDiscount();
        boolean linesHaveTheirs = own.stream().anyMatch(m -> !m.isZero());
        if (linesHaveTheirs || orderDiscount.isZero()) {
            return own;
        }
        long[] weights = new long[lines.size()];
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            weights[i] = lines.get(i).unitPrice().times(lines.get(i).quantity(), GstCalculator.ROUNDING).paise();
            total += weights[i];
        }
        if (orderDiscount.paise() > total) {
            problems.add(new RowProblem(order.firstRow(), match.heading(OrderRows.DISCOUNT), orderDiscount.toString(),
                    "The order's discount " + orderDiscount + " is more than its goods' value " + Money.ofPaise(total) + "."));
            return own;
        }
        long[] shares = new long[lines.size()];
        BigDecimal[] remainders = new BigDecimal[lines.size()];
        long given = 0;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal exact = BigDecimal.valueOf(orderDiscount.paise()).multiply(BigDecimal.valueOf(weights[i]))
                    .divide(BigDecimal.valueOf(total), 10, RoundingMode.DOWN);
            shares[i] = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            remainders[i] = exact.subtract(BigDecimal.valueOf(shares[i]));
            given += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; given < orderDiscount.paise(); k = (k + 1) % lines.size()) {
            shares[byRemainder.get(k)]++;
            given++;
        }
        List<Money> result = new ArrayList<>();
        for (long share : shares) {
            result.add(Money.ofPaise(share));
        }
        return result;
    }

    private static RowResult<InvoicePlan> rejected(HeaderMatch match, OrderRecord order, List<RowProblem> problems) {
        List<RowProblem> all = new ArrayList<>(problems);
        String orderHeading = match.heading(OrderRows.ORDER);
        String rows = problems.stream().map(RowProblem::row).distinct().sorted().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse("");
        for (int row : order.rows()) {
            if (problems.stream().noneMatch(p -> p.row() == row)) {
                all.add(new RowProblem(row, orderHeading, order.orderRef(),
                        "Not imported: order " + order.orderRef() + " has a problem in row " + rows + "."));
            }
        }
        all.sort(Comparator.comparingInt(RowProblem::row));
        return new RowResult.Rejected<>(order.firstRow(), all);
    }
}
