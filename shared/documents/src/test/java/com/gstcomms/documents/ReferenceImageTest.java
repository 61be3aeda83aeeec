package com.gstcomms.documents;

import org.apache.pdfbox.rendering.ImageType;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catches layout regressions: page 1 of the sample intra-state invoice, rendered by PDFBox at 60 dpi in
 * grey, must match the committed reference image within a tolerance (anti-aliasing differs a little
 * between JDKs). After an intended layout change, regenerate the reference and look at it:
 * {@code ./mvnw -pl shared/documents test -Dtest=ReferenceImageTest -Dreference.update=true}.
 */
class ReferenceImageTest {

    static final String REFERENCE = "reference/intra-state-page1.png";
    static final Path SOURCE = Path.of("src/test/resources", REFERENCE);
    /** Mean absolute difference per pixel, in grey levels out of 255. */
    static final double MAX_MEAN_DIFFERENCE = 1.5;
    /** Share of pixels that differ by more than a quarter of the grey range. */
    static final double MAX_CHANGED_SHARE = 0.005;

    @Test
    void firstPageLooksLikeTheReferenceImage() throws IOException {
        byte[] pdf = new TaxInvoicePdf(FontLibrary.load()).render(SampleInvoices.intraState()).bytes();
        BufferedImage actual = PdfReading.image(pdf, 0, 60, ImageType.GRAY);
        Files.createDirectories(Path.of("target"));
        ImageIO.write(actual, "png", Path.of("target/intra-state-page1.actual.png").toFile());
        if (Boolean.getBoolean("reference.update")) {
            Files.createDirectories(SOURCE.getParent());
            ImageIO.write(actual, "png", SOURCE.toFile());
        }
        BufferedImage reference = Boolean.getBoolean("reference.update") ? actual : reference();

        assertThat(actual.getWidth()).isEqualTo(reference.getWidth());
        assertThat(actual.getHeight()).isEqualTo(reference.getHeight());
        long total = 0;
        long changed = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int d = Math.abs((actual.getRGB(x, y) & 0xFF) - (reference.getRGB(x, y) & 0xFF));
                total += d;
                if (d > 64) {
                    changed++;
                }
            }
        }
        double pixels = (double) actual.getWidth() * actual.getHeight();
        assertThat(total / pixels).as("mean grey difference (see target/intra-state-page1.actual.png)")
                .isLessThanOrEqualTo(MAX_MEAN_DIFFERENCE);
        assertThat(changed / pixels).as("share of clearly changed pixels").isLessThanOrEqualTo(MAX_CHANGED_SHARE);
    }

    @Test
    void aShiftedLayoutWouldBeCaught() throws IOException {
        // The comparison itself must be able to fail: the reference against itself moved 2 pixels down.
        BufferedImage reference = reference();
        long total = 0;
        for (int y = 2; y < reference.getHeight(); y++) {
            for (int x = 0; x < reference.getWidth(); x++) {
                total += Math.abs((reference.getRGB(x, y) & 0xFF) - (reference.getRGB(x, y - 2) & 0xFF));
            }
        }
        assertThat(total / ((double) reference.getWidth() * reference.getHeight())).isGreaterThan(MAX_MEAN_DIFFERENCE);
    }

    private BufferedImage reference() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(REFERENCE)) {
            assertThat(in).as("reference image %s (make it with -Dreference.update=true)", REFERENCE).isNotNull();
            return ImageIO.read(in);
        }
    }
}
