package com.gstcomms.api.ui.bulk;

import com.gstcomms.imports.CsvWriter;
import com.gstcomms.imports.SpreadsheetCells;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The failed-rows page reads what the one CSV writer writes, with the one parser (shared/imports). */
class ErrorReportTableTest {

    @Test
    void readsBackWhatTheWriterWroteDefusedQuotedAndInAnyScript() {
        StringWriter out = new StringWriter();
        out.write(CsvWriter.BYTE_ORDER_MARK);
        CsvWriter csv = new CsvWriter(out).row("item", "orderRef", "field", "message");
        csv.row("orders[0]", SpreadsheetCells.defuse("=HYPERLINK(\"x\")"), "lines[0].sku", "no SKU, nor HSN");
        csv.row("orders[1]", SpreadsheetCells.defuse("-12.50"), "", "नाम खाली है\r\nsecond line");

        ErrorReportTable table = ErrorReportTable.parse(out.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(table.header()).containsExactly("item", "orderRef", "field", "message");
        assertThat(table.rows()).containsExactly(
                List.of("orders[0]", "'=HYPERLINK(\"x\")", "lines[0].sku", "no SKU, nor HSN"),
                List.of("orders[1]", "'-12.50", "", "नाम खाली है\r\nsecond line"));
        assertThat(table.totalRows()).isEqualTo(2);
    }

    @Test
    void keepsTheShownRowsAndCellsBoundedAndCountsTheRest() {
        StringBuilder csv = new StringBuilder("Row,Column,Value,Reason\r\n");
        csv.append("2,Email,").append("x".repeat(5_000)).append(",too long\r\n");
        for (int row = 3; row < 3 + ErrorReportTable.MAX_ROWS + 10; row++) {
            csv.append(row).append(",Phone,+91 12,Phone is too short\r\n");
        }
        ErrorReportTable table = ErrorReportTable.parse(csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(table.rows()).hasSize(ErrorReportTable.MAX_ROWS);
        assertThat(table.totalRows()).isEqualTo(ErrorReportTable.MAX_ROWS + 11);
        assertThat(table.rows().getFirst().get(2)).hasSize(ErrorReportTable.MAX_CELL);
        assertThat(table.truncated()).isTrue();
    }

    @Test
    void anEmptyFileIsAnEmptyTable() {
        assertThat(ErrorReportTable.parse(new byte[0]).header()).isEmpty();
    }
}
