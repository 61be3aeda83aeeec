package com.gstcomms.imports;

/**
 * Limits on an import file, each refused with its own message when exceeded.
 *
 * @param maxFileBytes  size of the file as uploaded (default 100 MB)
 * @param maxColumns    columns in the header row (default 200; Shopify's order export has 79)
 * @param maxFieldChars characters in one value (default 32,767, the most an Excel cell holds: a longer
 *                      value cannot come from a spreadsheet and is almost always a quote that is never
 *                      closed, swallowing the rest of the file)
 * @param maxRows       data rows (default 1,000,000)
 * @param chunkRows     rows per chunk (default 1,000); an order's line items are never split, so an order
 *                      chunk may run over by the lines of its last order
 */
public record ImportLimits(long maxFileBytes, int maxColumns, int maxFieldChars, int maxRows, int chunkRows) {

    public static final ImportLimits DEFAULTS = new ImportLimits(100L * 1024 * 1024, 200, 32_767, 1_000_000, 1_000);

    public ImportLimits {
        if (maxFileBytes <= 0 || maxColumns <= 0 || maxFieldChars <= 0 || maxRows <= 0 || chunkRows <= 0) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }

    public ImportLimits withChunkRows(int rows) {
        return new ImportLimits(maxFileBytes, maxColumns, maxFieldChars, maxRows, rows);
    }
}
