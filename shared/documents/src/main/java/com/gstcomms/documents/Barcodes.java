package com.gstcomms.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.gstcomms.core.validation.Code128;

import java.util.Map;

/** Barcode module matrices from ZXing, one module per cell; {@link Pen#barcode} scales them. */
final class Barcodes {

    private Barcodes() {
    }

    /**
     * A QR code with error correction M (15%: survives a smudge or a fold) and no quiet zone; the
     * layout leaves the 4-module quiet zone around it (ISO/IEC 18004).
     */
    static BitMatrix qr(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of " + text.length() + " characters", e);
        }
    }

    /**
     * A Code 128 barcode (the symbology couriers print AWB numbers in), one row of modules, no quiet
     * zone (the layout leaves 10 modules each side). ZXing picks code sets B/C to keep it short.
     *
     * @throws DocumentDataException if the text has characters Code 128 cannot carry
     */
    static BitMatrix code128(String text, String field) {
        Code128.problem(text).ifPresent(problem -> {
            throw new DocumentDataException(field, field + " '" + text + "' " + problem);
        });
        return new Code128Writer().encode(text, BarcodeFormat.CODE_128, 0, 1, Map.of(EncodeHintType.MARGIN, 0));
    }
}
