package com.gstcomms.documents;

import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceFiguresTest {

    static final TaxedInvoice CALCULATED = GstCalculator.calculate(SampleInvoices.lines(), IndianState.MAHARASHTRA,
            IndianState.MAHARASHTRA, PriceBasis.INCLUSIVE_OF_TAX);

    static List<InvoiceFigures.RecordedLine> recordedLines(TaxedInvoice t) {
        List<InvoiceFigures.RecordedLine> lines = new ArrayList<>();
        for (TaxedLine l : t.lines()) {
            lines.add(new InvoiceFigures.RecordedLine(l.line(), l.taxableValue(), l.cgst(), l.sgst(), l.igst(), l.cess(), l.total()));
        }
        return lines;
    }

    static InvoiceFigures.RecordedTotals totals(TaxedInvoice t) {
        return new InvoiceFigures.RecordedTotals(t.taxableTotal(), t.cgst(), t.sgst(), t.igst(), t.cess(), t.roundOff(),
                t.grandTotal());
    }

    @Test
    void recordedFiguresThatAddUpGiveTheSameInvoiceAsTheCalculator() {
        TaxedInvoice recorded = InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX,
                recordedLines(CALCULATED), totals(CALCULATED));

        assertThat(recorded).usingRecursiveComparison().isEqualTo(CALCULATED);
    }

    @Test
    void refusesALineWhoseTaxesDoNotMakeItsTotalNamingTheLine() {
        List<InvoiceFigures.RecordedLine> lines = recordedLines(CALCULATED);
        InvoiceFigures.RecordedLine second = lines.get(1);
        lines.set(1, new InvoiceFigures.RecordedLine(second.line(), second.taxableValue(), second.cgst(), second.sgst(),
                second.igst(), second.cess(), second.total().plus(Money.ofPaise(1))));

        assertThatThrownBy(() -> InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX, lines,
                totals(CALCULATED)))
                .isInstanceOfSatisfying(DocumentDataException.class, e -> assertThat(e.field()).isEqualTo("lines[2].total"))
                .hasMessageContaining("line 2 (Cotton Kurta").hasMessageContaining("3747.01");
    }

    @Test
    void refusesHeaderTotalsThatAreNotTheSumOfTheLines() {
        InvoiceFigures.RecordedTotals t = totals(CALCULATED);
        InvoiceFigures.RecordedTotals wrong = new InvoiceFigures.RecordedTotals(t.taxableValue(), t.cgst().plus(Money.ofPaise(100)),
                t.sgst(), t.igst(), t.cess(), t.roundOff(), t.grandTotal());

        assertThatThrownBy(() -> InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX,
                recordedLines(CALCULATED), wrong)).hasMessageContaining("CGST 375.11 is not the sum of its lines, 374.11");
    }

    @Test
    void printsAnOldInvoiceWhoseCgstTookTheOddPaisaButRefusesHalvesFurtherApart() {
        // issued under the old rule: 4 x 849.00 at 18% inclusive was 2877.97 + 259.02 + 259.01
        TaxedLine line = GstCalculator.taxLine(SampleInvoices.lines().getFirst(), SupplyType.INTRA_STATE,
                PriceBasis.INCLUSIVE_OF_TAX);
        InvoiceFigures.RecordedLine old = new InvoiceFigures.RecordedLine(line.line(), Money.parse("2877.97"),
                Money.parse("259.02"), Money.parse("259.01"), Money.ZERO, Money.ZERO, Money.parse("3396.00"));
        InvoiceFigures.RecordedTotals oldTotals = new InvoiceFigures.RecordedTotals(Money.parse("2877.97"),
                Money.parse("259.02"), Money.parse("259.01"), Money.ZERO, Money.ZERO, Money.ZERO, Money.parse("3396.00"));

        assertThat(InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX, List.of(old), oldTotals)
                .cgst()).isEqualTo(Money.parse("259.02"));

        InvoiceFigures.RecordedLine apart = new InvoiceFigures.RecordedLine(line.line(), Money.parse("2877.97"),
                Money.parse("259.03"), Money.parse("259.00"), Money.ZERO, Money.ZERO, Money.parse("3396.00"));
        InvoiceFigures.RecordedTotals apartTotals = new InvoiceFigures.RecordedTotals(Money.parse("2877.97"),
                Money.parse("259.03"), Money.parse("259.00"), Money.ZERO, Money.ZERO, Money.ZERO, Money.parse("3396.00"));
        assertThatThrownBy(() -> InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX,
                List.of(apart), apartTotals))
                .isInstanceOfSatisfying(DocumentDataException.class, e -> assertThat(e.field()).isEqualTo("lines[1].sgst"))
                .hasMessageContaining("CGST 259.03 and SGST 259.00");
    }

    @Test
    void refusesIgstOnAnIntraStateInvoice() {
        TaxedInvoice inter = GstCalculator.calculate(SampleInvoices.lines(), IndianState.MAHARASHTRA, IndianState.GOA,
                PriceBasis.INCLUSIVE_OF_TAX);

        assertThatThrownBy(() -> InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX,
                recordedLines(inter), totals(inter))).hasMessageContaining("carries IGST");
    }

    @Test
    void refusesAGrandTotalThatIsNotTheTotalWithItsRoundOff() {
        InvoiceFigures.RecordedTotals t = totals(CALCULATED);
        InvoiceFigures.RecordedTotals wrong = new InvoiceFigures.RecordedTotals(t.taxableValue(), t.cgst(), t.sgst(), t.igst(),
                t.cess(), Money.ZERO, t.grandTotal());

        assertThatThrownBy(() -> InvoiceFigures.recorded(SupplyType.INTRA_STATE, PriceBasis.INCLUSIVE_OF_TAX,
                recordedLines(CALCULATED), wrong)).hasMessageContaining("grand total 8231.00");
    }
}
