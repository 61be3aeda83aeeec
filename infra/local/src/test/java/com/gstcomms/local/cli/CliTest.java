package com.gstcomms.local.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gstcomms command's local checks: output a person reads and the exit codes scripts rely on. */
class CliTest {

    static final Path SAMPLES = Path.of("samples").toAbsolutePath();

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
    }

    static Run gstcomms(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GstComms.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            27AAPFU0939F1ZV  | valid    registered in Maharashtra (27)
            29AAACC1206D2ZB  | valid    registered in Karnataka (29)
            33AAACH7409R1Z8  | valid    registered in Tamil Nadu (33)
            27AAPFU0939F1ZX  | invalid  GSTIN check character is wrong: expected V, found X
            27aapfu0939f1zv  | valid    registered in Maharashtra (27)
            39AAPFU0939F1ZV  | invalid  GSTIN state code 39 does not exist
            27AAPFU0939F1Z   | invalid  GSTIN must be 15 characters, found 14
            """)
    void saysForEachGstinWhetherItIsValidAndWhy(String gstin, String expected) {
        Run run = gstcomms("gstin", gstin);

        assertThat(run.out().strip()).isEqualTo(gstin + "  " + expected);
        assertThat(run.exit()).isEqualTo(expected.startsWith("valid") ? 0 : 1);
    }

    @Test
    void checksTheSampleGstinsOneLineEachAndFailsWhenAnyIsInvalid() throws Exception {
        List<String> rows = Files.readAllLines(SAMPLES.resolve("gstin-examples.csv")).stream().skip(1).toList();
        String[] args = new String[rows.size() + 1];
        args[0] = "gstin";
        for (int i = 0; i < rows.size(); i++) {
            args[i + 1] = rows.get(i).split(",")[0];
        }

        Run run = gstcomms(args);

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            boolean valid = rows.get(i).split(",")[1].equals("true");
            assertThat(lines.get(i)).startsWith(args[i + 1]).contains(valid ? "  valid " : "  invalid ");
        }
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void refusesToCheckNoGstinWithAUsageMessage() {
        Run run = gstcomms("gstin");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'GSTIN'");
    }

    @Test
    void countsTheBadRowsOfTheShopifyCustomerSampleAndWritesTheErrorReportBesideIt() throws Exception {
        Path file = copy("shopify-customers-sample.csv");

        Run run = gstcomms("check-csv", "--type", "customers", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("shopify-customers (Shopify customer export)")
                .contains("rows 25   good 23   bad 2   problems 2")
                .contains("row 11, Email: Duplicate of row 7")
                .contains("row 12, Default Address Zip: PIN code '4000' must be 6 digits, found 4.");
        List<String> report = Files.readAllLines(work.resolve("shopify-customers-sample.errors.csv"), StandardCharsets.UTF_8);
        assertThat(report.getFirst()).isEqualTo("\uFEFFRow,Column,Value,Reason");
        assertThat(report).hasSize(3);
        assertThat(report.get(2)).startsWith("12,Default Address Zip,4000,");
    }

    @Test
    void passesTheOrderSampleWorkedOutAsInvoicesWithTheCatalogue() throws Exception {
        Path file = copy("shopify-orders-sample.csv");

        Run run = gstcomms("check-csv", "--type", "orders", "--catalogue", SAMPLES.resolve("products.csv").toString(),
                file.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("rows 21   good 21   bad 0   problems 0");
    }

    @Test
    void reportsAnOrderWhoseSkuIsNotInTheCatalogue() throws Exception {
        Path file = copy("shopify-orders-sample.csv");
        Path catalogue = work.resolve("catalogue.csv");
        Files.writeString(catalogue, "SKU,Name,HSN/SAC,GST Rate\nKURTA-01,Cotton Kurta,6211,5\n");

        Run run = gstcomms("check-csv", "--type", "orders", "--catalogue", catalogue.toString(), file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("TIFFIN-3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an Excel workbook              | PK\u0003\u0004 not a csv                 | The file is an Excel workbook (.xlsx)
            a customer file without emails | First Name,Phone\\nAarav,+919999999999    | missing the required column
            """)
    void refusesAFileAsAWholeWithExitTwo(String what, String content, String reason) throws Exception {
        Path file = work.resolve("upload.csv");
        Files.writeString(file, content.replace("\\n", "\n"));

        Run run = gstcomms("check-csv", "--type", "customers", file.toString());

        assertThat(run.exit()).as(what).isEqualTo(2);
        assertThat(run.out()).contains("refused as a whole").contains(reason);
    }

    @Test
    void saysWhichFileIsMissingInOneLine() {
        Run run = gstcomms("check-csv", "--type", "customers", work.resolve("nope.csv").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gstcomms: no such file: " + work.resolve("nope.csv"));
    }

    @Test
    void rendersAnInvoiceOfTheApiWithTheInvoicePdfLayout() throws Exception {
        Path pdf = work.resolve("out/invoice.pdf");

        Run run = gstcomms("render-invoice", SAMPLES.resolve("invoice-telangana.json").toString(), "--out", pdf.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("invoice MH/2627/000003, 1 page(s)");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("TAX INVOICE", "MH/2627/000003", "Telangana (36)", "27AAPFU0939F1ZV",
                    "Rohan Reddy", "6,663.00", "607.51").contains("IGST");
        }
    }

    @Test
    void refusesAnInvoiceWhoseFiguresDoNotAddUpNamingTheField() throws Exception {
        String json = Files.readString(SAMPLES.resolve("invoice-telangana.json")).replace("\"6663.00\"", "\"6700.00\"");
        Path file = work.resolve("wrong.json");
        Files.writeString(file, json);

        Run run = gstcomms("render-invoice", file.toString(), "--out", work.resolve("wrong.pdf").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("gstcomms: " + file).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(work.resolve("wrong.pdf")).doesNotExist();
    }

    private Path copy(String sample) throws Exception {
        Path target = work.resolve(sample);
        Files.copy(SAMPLES.resolve(sample), target);
        return target;
    }
}
