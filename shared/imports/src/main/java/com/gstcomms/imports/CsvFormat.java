package com.gstcomms.imports;

import java.util.List;

/**
 * A layout of import file: its name (what a bulk operation's {@code parameters.format} and the chunk
 * command carry), what it imports, the columns it reads, and headings it knows but ignores (so they are
 * not reported as unknown: Shopify's "Total Spent" is not ours to store).
 */
public record CsvFormat(String name, ImportKind kind, String description, List<Column> columns,
                        List<String> ignoredHeadings) {

    public CsvFormat {
        columns = List.copyOf(columns);
        ignoredHeadings = List.copyOf(ignoredHeadings);
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }
}
