package com.gstcomms.local.cli;

import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.imports.CatalogueItem;
import com.gstcomms.imports.CsvFormats;
import com.gstcomms.imports.CsvSource;
import com.gstcomms.imports.ErrorReport;
import com.gstcomms.imports.HeaderMatch;
import com.gstcomms.imports.ImportCheck;
import com.gstcomms.imports.ImportKind;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.imports.ImportRefused;
import com.gstcomms.imports.ProductRecord;
import com.gstcomms.imports.ProductRows;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.imports.RowResult;
import com.gstcomms.imports.SourceRecord;
import com.gstcomms.local.demo.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code gstcomms check-csv --type customers|orders|products FILE}: checks an import file with the csv
 * function's own code (shared/imports {@code ImportCheck}: encoding, layout, limits, duplicates, every row),
 * without AWS. Prints the counts, writes the error report next to the file ({@code NAME.errors.csv}, the
 * same columns as the import's errors.csv) and exits 0 when every row is good, 1 when some rows are bad,
 * 2 when the file is refused as a whole.
 */
@Command(name = "check-csv", description = "Check an import file as the csv function would; writes FILE's "
        + "error report next to it. Exit 0: all rows good; 1: some rows bad; 2: file refused.")
final class CheckCsvCommand implements Callable<Integer> {

    enum Type { customers, orders, products }

    @Option(names = "--type", required = true, description = "customers, orders or products.")
    Type type;

    @Option(names = "--format", description = "Force a layout: shopify-customers, customers, shopify-orders, orders, "
            + "products (default: chosen from the header).")
    String format;

    @Option(names = "--catalogue", description = "For orders: the shop's catalogue (a products CSV) to work each "
            + "order out as a GST invoice, as the import does (HSN and rate by SKU).")
    Path catalogue;

    @Option(names = "--supplier-state", defaultValue = "27",
            description = "For orders with --catalogue: the shop's GST state code (default ${DEFAULT-VALUE}, Maharashtra).")
    String supplierState;

    @Option(names = "--prices-exclude-tax", description = "For orders with --catalogue: prices are before GST "
            + "(default: they include it, as Shopify India stores usually set).")
    boolean pricesExcludeTax;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            throw new GstComms.UserError("no such file: " + file, 2);
        }
        ImportKind kind = ImportKind.valueOf(type.name().toUpperCase(Locale.ROOT));
        Optional<ImportCheck.Invoicing> invoicing = Optional.empty();
        if (catalogue != null) {
            if (kind != ImportKind.ORDERS) {
                throw new GstComms.UserError("--catalogue is only for --type orders", 2);
            }
            IndianState state = IndianState.byCode(supplierState).orElseThrow(() -> new GstComms.UserError(
                    "--supplier-state " + supplierState + " is not a GST state code (e.g. 27 for Maharashtra)", 2));
            invoicing = Optional.of(new ImportCheck.Invoicing(readCatalogue(catalogue), state,
                    pricesExcludeTax ? PriceBasis.EXCLUSIVE_OF_TAX : PriceBasis.INCLUSIVE_OF_TAX));
        }
        long size = Files.size(file);
        ProgressBar bar = new ProgressBar(System.out, "Checking " + file.getFileName(), System.console() != null);
        AtomicLong read = new AtomicLong();
        ImportCheck.Report report;
        try (InputStream in = counting(Files.newInputStream(file), read, bar, size)) {
            report = ImportCheck.check(in, kind, Optional.ofNullable(format), ImportLimits.DEFAULTS, invoicing);
        } catch (ImportRefused refused) {
            if (System.console() != null) {
                bar.finish(read.get(), size, "refused");
            }
            out.println(file + ": refused as a whole: " + refused.getMessage());
            out.flush();
            return 2;
        }
        if (System.console() != null && size > 1_000_000) {
            bar.finish(size, size, "");
        }
        Path errors = errorReportPath(file);
        try (Writer writer = Files.newBufferedWriter(errors, StandardCharsets.UTF_8)) {
            ErrorReport errorReport = ErrorReport.start(writer);
            for (RowProblem problem : report.problems()) {
                errorReport.add(problem);
            }
            errorReport.flush();
        }
        out.printf("%s: %s (%s)%n", file, report.format().name(), report.format().description());
        out.printf("  rows %,d   good %,d   bad %,d   problems %,d%n", report.dataRows(), report.goodRows(),
                report.badRows(), report.problems().size());
        report.problems().stream().limit(10).forEach(p -> out.printf("  row %d, %s: %s%n", p.row(),
                p.column() == null || p.column().isEmpty() ? "-" : p.column(), p.reason()));
        if (report.problems().size() > 10) {
            out.printf("  … %,d more%n", report.problems().size() - 10);
        }
        out.println("  error report: " + errors + (report.problems().isEmpty() ? " (empty)" : ""));
        out.flush();
        return report.badRows() == 0 ? 0 : 1;
    }

    /** {@code customers.csv} → {@code customers.errors.csv}, beside it. */
    static Path errorReportPath(Path file) {
        String name = file.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.toAbsolutePath().resolveSibling(base + ".errors.csv");
    }

    private static Map<String, CatalogueItem> readCatalogue(Path products) throws IOException {
        Map<String, CatalogueItem> items = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(products); CsvSource source = CsvSource.open(in, ImportLimits.DEFAULTS)) {
            HeaderMatch match = CsvFormats.match(ImportKind.PRODUCTS, Optional.empty(), source.header());
            SourceRecord record;
            while ((record = source.next()) != null) {
                if (record.isBlank()) {
                    continue;
                }
                RowResult<ProductRecord> row = ProductRows.read(match, record);
                if (row instanceof RowResult.Accepted<ProductRecord> ok) {
                    ProductRecord p = ok.value();
                    items.put(p.sku(), new CatalogueItem(p.sku(), p.name(), p.hsnSac(), p.gstRate(), p.cessRate(), p.unit()));
                } else if (row instanceof RowResult.Rejected<ProductRecord> bad) {
                    throw new GstComms.UserError("the catalogue " + products + " has a bad row " + bad.problems().getFirst().row()
                            + ": " + bad.problems().getFirst().reason() + " (check it with --type products)", 2);
                }
            }
        } catch (NoSuchFileException e) {
            throw new GstComms.UserError("no such catalogue file: " + products, 2);
        } catch (ImportRefused e) {
            throw new GstComms.UserError("the catalogue " + products + " is refused: " + e.getMessage(), 2);
        }
        return items;
    }

    /** Counts the bytes read, for the progress bar of a big file. */
    private static InputStream counting(InputStream in, AtomicLong read, ProgressBar bar, long size) {
        return new FilterInputStream(in) {
            private long lastDraw;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }

            private void advance(int n) {
                long total = read.addAndGet(n);
                if (System.console() != null && size > 1_000_000 && total - lastDraw > size / 100) {
                    lastDraw = total;
                    bar.update(total, size, "bytes");
                }
            }
        };
    }
}
