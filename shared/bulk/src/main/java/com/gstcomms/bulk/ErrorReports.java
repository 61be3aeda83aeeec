package com.gstcomms.bulk;

import com.gstcomms.imports.ErrorReport;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.imports.SpreadsheetCells;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The problems of a bulk operation: recorded row by row in the transaction of the unit that found them
 * (table {@code bulk_operation_error}, V5__csv.sql), and written as one {@code errors.csv} by whoever
 * finishes the operation — or, if that write failed, by the next delivery that finds the operation
 * finished without its report.
 */
@ApplicationScoped
public class ErrorReports {

    private static final String CSV = "text/csv; charset=utf-8";

    private final ObjectStore store;
    private final CsvConfig config;
    private final BulkOperations operations;

    ErrorReports(ObjectStore store, CsvConfig config, BulkOperations operations) {
        this.store = store;
        this.config = config;
        this.operations = operations;
    }

    /** Records problems in the caller's transaction (one statement). */
    public Uni<Void> record(long shopId, long operationId, List<RowProblem> problems) {
        if (problems.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        Map<Integer, Integer> seq = new HashMap<>();
        for (RowProblem p : problems) {
            rows.row().put("row_no", (long) p.row()).put("seq", (long) seq.merge(p.row(), 1, Integer::sum))
                    .put("column_name", cut(p.column(), 255)).put("value", cut(p.value(), 1000))
                    .put("reason", cut(p.reason(), 1000));
        }
        return Sql.execute("""
                        insert into bulk_operation_error (bulk_operation_id, shop_id, row_no, seq, column_name, value, reason)
                        select :op, :shopId, t.row_no, t.seq, t.column_name, t.value, t.reason
                          from json_to_recordset(cast(cast(:rows as text) as json))
                               as t(row_no integer, seq integer, column_name text, value text, reason text)
                        on conflict do nothing""",
                        Map.of("op", operationId, "shopId", shopId, "rows", rows.json()))
                .replaceWithVoid();
    }

    /**
     * Writes {@code errors.csv} for a finished operation that has problems and no report yet, and sets
     * its {@code error_report_key}. Blocking (S3); call it outside transactions.
     */
    public void finish(long shopId, long operationId, String key) {
        BulkOperation op = inSession(() -> operations.find(shopId, operationId));
        if (op == null || !op.status.finished() || op.errorReportKey != null) {
            return;
        }
        long count = inSession(() -> Sql.column(
                "select count(*) from bulk_operation_error where bulk_operation_id = :op and shop_id = :shopId",
                Long.class, Map.of("op", operationId, "shopId", shopId))).getFirst();
        if (count == 0) {
            return;
        }
        int[] after = {0, 0};
        int page = config.exportPageRows();
        PagedCsv csv = new PagedCsv(Arrays.asList(ErrorReport.HEADER), () -> {
            List<Object[]> rows = inSession(() -> Sql.rows("""
                            select row_no, seq, column_name, value, reason from bulk_operation_error
                             where bulk_operation_id = :op and shop_id = :shopId and (row_no, seq) > (:row, :seq)
                             order by row_no, seq limit :page""",
                    Map.of("op", operationId, "shopId", shopId, "row", after[0], "seq", after[1], "page", page)));
            List<List<String>> lines = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                after[0] = Sql.intValue(r[0]);
                after[1] = Sql.intValue(r[1]);
                // Values come from the merchant's file: keep them from running as formulas in Excel.
                lines.add(List.of(Integer.toString(after[0]), SpreadsheetCells.defuse(Sql.text(r[2])),
                        SpreadsheetCells.defuse(Sql.text(r[3])), SpreadsheetCells.defuse(Sql.text(r[4]))));
            }
            return lines;
        });
        store.put(key, csv, CSV);
        inTransaction(() -> operations.setErrorReport(shopId, operationId, key));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
