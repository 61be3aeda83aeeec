package com.gstcomms.csv;

import com.gstcomms.imports.RowProblem;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * A chunk's rows, already read and checked, waiting to be written in the chunk's transaction (after the
 * claim, before the progress moves). Checking happens before the transaction, on the Lambda thread.
 */
@FunctionalInterface
interface ChunkWork {

    Uni<Written> write();

    /**
     * @param invoiceIds invoices created (orders only), for rendering after commit
     */
    record Written(int succeeded, int failed, List<RowProblem> problems, List<Long> invoiceIds) {
        public Written {
            problems = List.copyOf(problems);
            invoiceIds = List.copyOf(invoiceIds);
        }
    }
}
