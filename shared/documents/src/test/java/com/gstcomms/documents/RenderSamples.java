package com.gstcomms.documents;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the sample PDFs to a folder, to look at them: {@code java ... RenderSamples target/samples}. */
public final class RenderSamples {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/samples");
        Files.createDirectories(dir);
        FontLibrary fonts = FontLibrary.load();
        TaxInvoicePdf pdf = new TaxInvoicePdf(fonts);
        Files.write(dir.resolve("intra-state.pdf"), pdf.render(SampleInvoices.intraState()).bytes());
        Files.write(dir.resolve("inter-state.pdf"), pdf.render(SampleInvoices.interState()).bytes());
        Files.write(dir.resolve("sixty-lines.pdf"), pdf.render(SampleInvoices.withLines(60)).bytes());
        Files.write(dir.resolve("indic-names.pdf"), pdf.render(SampleInvoices.indicNames()).bytes());
        ShippingLabelPdf labels = new ShippingLabelPdf(fonts);
        Files.write(dir.resolve("labels-4x6.pdf"), labels.render(java.util.List.of(SampleLabels.cod(), SampleLabels.prepaid()), LabelSheet.THERMAL_4X6).bytes());
        Files.write(dir.resolve("labels-a4.pdf"), labels.render(SampleLabels.many(5), LabelSheet.A4_FOUR_UP).bytes());
        System.out.println("wrote " + dir.toAbsolutePath());
    }
}
