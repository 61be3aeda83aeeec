package com.gstcomms.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Result;
import com.gstcomms.core.money.Money;
import org.apache.pdfbox.rendering.ImageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippingLabelPdfTest {

    static ShippingLabelPdf labels;

    @BeforeAll
    static void fonts() {
        labels = new ShippingLabelPdf(FontLibrary.load());
    }

    @Test
    void thermalLabelIsFourBySixInchesWithAScannableAwbBarcode() {
        byte[] pdf = labels.render(List.of(SampleLabels.cod()), LabelSheet.THERMAL_4X6).bytes();

        List<Result> codes = PdfReading.barcodes(PdfReading.image(pdf, 0, 203, ImageType.GRAY), BarcodeFormat.CODE_128);

        assertThat(codes).extracting(Result::getText).containsExactly("1490812345678");
        java.awt.image.BufferedImage page = PdfReading.image(pdf, 0, 72, ImageType.GRAY);
        assertThat(page.getWidth()).isEqualTo(288);
        assertThat(page.getHeight()).isEqualTo(432);
    }

    @Test
    void showsAddressesPinsPhonesOrderWeightCourierAndCodAmount() {
        String text = PdfReading.text(labels.render(List.of(SampleLabels.cod()), LabelSheet.THERMAL_4X6).bytes());

        assertThat(text).contains("Delhivery Surface", "COD", "\u20B9 7,169.00", "AWB 1490812345678",
                "SHIP TO", "Priya Gupta", "296 Station Road, Near Central Bus Stand", "PIN 600017", "Phone +91 94711 27256",
                "#IN1002", "2.35 kg", "INV/2627/000124",
                "FROM (return to)", "Rangoli Crafts", "Unit 4, Laxmi Industrial Estate", "PIN 411001", "Phone +91 20 2612 3456");
        assertThat(text).doesNotContain("PREPAID");
    }

    @Test
    void prepaidOrderSaysPrepaidAndAsksForNoCash() {
        String text = PdfReading.text(labels.render(List.of(SampleLabels.prepaid()), LabelSheet.THERMAL_4X6).bytes());

        assertThat(text).contains("PREPAID", "Blue Dart Apex", "750 g").doesNotContain("COD", "\u20B9");
    }

    @Test
    void aBulkJobPrintsOneLabelPerPage() {
        RenderedPdf pdf = labels.render(SampleLabels.many(100), LabelSheet.THERMAL_4X6);

        assertThat(pdf.pages()).isEqualTo(100);
        List<String> pages = PdfReading.pageTexts(pdf.bytes());
        assertThat(pages.get(0)).contains("#IN3000");
        assertThat(pages.get(99)).contains("#IN3099");
    }

    @Test
    void a4SheetCarriesFourLabelsWhoseBarcodesStillScan() {
        List<ShippingLabel> five = SampleLabels.many(5);
        RenderedPdf pdf = labels.render(five, LabelSheet.A4_FOUR_UP);

        assertThat(pdf.pages()).isEqualTo(2);
        List<Result> codes = PdfReading.barcodes(PdfReading.image(pdf.bytes(), 0, 300, ImageType.GRAY), BarcodeFormat.CODE_128);
        assertThat(codes).extracting(Result::getText)
                .containsExactlyInAnyOrderElementsOf(five.subList(0, 4).stream().map(ShippingLabel::awb).toList());
        assertThat(PdfReading.pageTexts(pdf.bytes()).get(1)).contains("#IN3004").doesNotContain("#IN3003");
    }

    @ParameterizedTest(name = "weight {0} g prints as {1}")
    @CsvSource({"750, 750 g", "1000, 1 kg", "2350, 2.35 kg", "12005, 12.005 kg"})
    void printsWeightInGramsOrKilograms(int grams, String printed) {
        assertThat(ShippingLabelPdf.weight(grams)).isEqualTo(printed);
    }

    @Test
    void refusesALabelTheCourierCouldNotUse() {
        ShippingLabel ok = SampleLabels.prepaid();
        assertThatThrownBy(() -> new ShippingLabel(ok.courier(), "AWB–12", ok.orderRef(), ok.from(), ok.to(), Money.ZERO, null, null))
                .isInstanceOfSatisfying(DocumentDataException.class, e -> assertThat(e.field()).isEqualTo("awb"))
                .hasMessageContaining("position 4");
        assertThatThrownBy(() -> LabelAddress.of("to", "A", List.of("x"), "06001", null))
                .hasMessageContaining("to address's PIN code '06001' must be 6 digits");
        assertThatThrownBy(() -> new ShippingLabel(ok.courier(), " ", ok.orderRef(), ok.from(), ok.to(), Money.ZERO, null, null))
                .hasMessageContaining("AWB number is missing");
    }
}
