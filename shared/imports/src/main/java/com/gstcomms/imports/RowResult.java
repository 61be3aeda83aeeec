package com.gstcomms.imports;

import java.util.List;

/** A row (or an order's rows) read and checked: the value to write, or every problem found. */
public sealed interface RowResult<T> permits RowResult.Accepted, RowResult.Rejected {

    /** The first source row. */
    int row();

    record Accepted<T>(int row, T value) implements RowResult<T> {
    }

    record Rejected<T>(int row, List<RowProblem> problems) implements RowResult<T> {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejected row needs a problem");
            }
        }
    }
}
