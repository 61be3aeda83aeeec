package com.gstcomms.documents.bench;

import com.gstcomms.documents.FontLibrary;
import com.gstcomms.documents.LabelSheet;
import com.gstcomms.documents.RenderedPdf;
import com.gstcomms.documents.SampleInvoices;
import com.gstcomms.documents.SampleLabels;
import com.gstcomms.documents.ShippingLabel;
import com.gstcomms.documents.ShippingLabelPdf;
import com.gstcomms.documents.TaxInvoice;
import com.gstcomms.documents.TaxInvoicePdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Rendering benchmark (not part of the build): {@code ./mvnw -pl shared/documents -Pbench verify}.
 *
 * <p>Renders a 1-page and a 5-page invoice and 100 labels warm (after warm-up, in one JVM, the way a
 * warm Lambda renders), and in the same run prints the same invoices as HTML to PDF with Debian's
 * Chromium (one headless process per document, the way a renderer would run it), then prints the
 * times, sizes and ratios. Targets (issue 3): ≤ 5 ms per page warm, ≥ 50× faster than Chromium, a
 * 1-page invoice ≤ 60 KB. Without Chromium on the PATH the ratio is reported as not measured.
 */
public final class RenderingBenchmark {

    public static void main(String[] args) throws Exception {
        FontLibrary fonts = FontLibrary.load();
        TaxInvoicePdf invoices = new TaxInvoicePdf(fonts);
        ShippingLabelPdf labels = new ShippingLabelPdf(fonts);

        TaxInvoice onePage = SampleInvoices.intraState();
        TaxInvoice fivePages = fivePageInvoice(invoices);
        List<ShippingLabel> hundred = SampleLabels.many(100);

        Measured one = measure("1-page invoice", () -> invoices.render(onePage), 500, 1000);
        Measured five = measure("5-page invoice", () -> invoices.render(fivePages), 100, 200);
        Measured lab = measure("100 labels (4x6)", () -> labels.render(hundred, LabelSheet.THERMAL_4X6), 10, 30);

        System.out.println();
        System.out.println("== PDFBox rendering, warm (median of runs, one thread) ==");
        for (Measured m : List.of(one, five, lab)) {
            System.out.printf("%-18s %3d pages  %8.2f ms/doc  %6.3f ms/page  %7.1f KB%n", m.name, m.pages, m.medianMs,
                    m.medianMs / m.pages, m.bytes / 1024.0);
        }
        System.out.printf("targets: <= 5 ms/page warm: %s; 1-page invoice <= 60 KB: %s%n",
                Math.max(one.medianMs / one.pages, five.medianMs / five.pages) <= 5 ? "met" : "NOT met",
                one.bytes <= 60 * 1024 ? "met" : "NOT met");

        System.out.println();
        System.out.println("== Chromium baseline (same invoice as HTML, headless --print-to-pdf, one process per document) ==");
        String chromium = findChromium();
        if (chromium == null) {
            System.out.println("chromium is not installed (apt-get install -y chromium): ratio not measured");
            return;
        }
        double chromeOne = chromium(chromium, InvoiceHtml.of(onePage), 5);
        double chromeFive = chromium(chromium, InvoiceHtml.of(fivePages), 3);
        System.out.printf("1-page invoice: chromium %8.1f ms/doc, PDFBox %6.2f ms/doc -> PDFBox is %6.0fx faster%n",
                chromeOne, one.medianMs, chromeOne / one.medianMs);
        System.out.printf("5-page invoice: chromium %8.1f ms/doc, PDFBox %6.2f ms/doc -> PDFBox is %6.0fx faster%n",
                chromeFive, five.medianMs, chromeFive / five.medianMs);
        System.out.printf("target >= 50x faster than Chromium: %s%n",
                Math.min(chromeOne / one.medianMs, chromeFive / five.medianMs) >= 50 ? "met" : "NOT met");
    }

    private static TaxInvoice fivePageInvoice(TaxInvoicePdf invoices) {
        for (int lines = 150; lines < 400; lines += 5) {
            TaxInvoice candidate = SampleInvoices.withLines(lines);
            if (invoices.render(candidate).pages() == 5) {
                return candidate;
            }
        }
        throw new IllegalStateException("no line count gives 5 pages");
    }

    record Measured(String name, int pages, int bytes, double medianMs) {
    }

    private static Measured measure(String name, Supplier<RenderedPdf> render, int warmup, int runs) {
        RenderedPdf last = null;
        for (int i = 0; i < warmup; i++) {
            last = render.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = render.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Measured(name, last.pages(), last.bytes().length, ms[runs / 2]);
    }

    private static String findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** Median wall time of printing the HTML to PDF, one fresh headless Chromium per run (plus one warm-up run). */
    private static double chromium(String chromium, String html, int runs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("invoice-bench");
        Path file = dir.resolve("invoice.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            Path out = dir.resolve("out" + i + ".pdf");
            List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + dir.resolve("profile" + i), "--no-pdf-header-footer",
                    "--print-to-pdf=" + out, file.toUri().toString());
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log" + i).toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish in 120 s");
            }
            double ms = (System.nanoTime() - start) / 1e6;
            if (p.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("chromium failed (exit " + p.exitValue() + "), see " + dir.resolve("log" + i));
            }
            if (i > 0) {
                times.add(ms);
            }
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }
}
