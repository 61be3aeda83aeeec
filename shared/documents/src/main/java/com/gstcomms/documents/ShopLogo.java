package com.gstcomms.documents;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * A shop's logo, checked and decoded once, then embedded in as many invoices as it is printed on.
 *
 * <p>The rules: at most {@link #MAX_BYTES} (1 MB), PNG or JPEG by its first bytes (not by its name or
 * Content-Type, which the uploader chooses), at most {@link #MAX_SIDE} pixels a side, read from the
 * image's header before any pixel is decoded (a small PNG can claim 50,000 × 50,000 pixels and decode to
 * gigabytes). The decoded image is scaled down to {@link #MAX_HEIGHT} pixels high: the invoice prints it
 * 42 points high, so that is 400 dpi and each PDF stays small. A logo that breaks a rule is kept as its
 * {@link #problem()}; the invoice is printed without it and says why in its warnings.
 */
public final class ShopLogo {

    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_SIDE = 4096;
    static final int MAX_HEIGHT = 240;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final BufferedImage image;
    private final String problem;

    private ShopLogo(BufferedImage image, String problem) {
        this.image = image;
        this.problem = problem;
    }

    /** Checks and decodes {@code bytes}; never throws for bad content (see {@link #problem()}). */
    public static ShopLogo of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return refused("the shop's logo is empty");
        }
        if (bytes.length > MAX_BYTES) {
            return tooLarge(bytes.length);
        }
        String format = startsWith(bytes, PNG) ? "png" : startsWith(bytes, JPEG) ? "jpeg" : null;
        if (format == null) {
            return refused("it is not a readable PNG or JPEG image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (in == null || !readers.hasNext()) {
                return refused("it is not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
                    return refused("the shop's logo is " + width + " × " + height + " pixels; at most " + MAX_SIDE
                            + " a side are printed");
                }
                return new ShopLogo(scaled(reader.read(0)), null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return refused("it is not a readable PNG or JPEG image");
        }
    }

    /** A logo refused for its size alone, e.g. as S3 reports it, without reading it. */
    public static ShopLogo tooLarge(long bytes) {
        return refused("the shop's logo has " + bytes + " bytes; at most " + MAX_BYTES + " (1 MB) are printed");
    }

    /** Why the logo is not printed, if it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public boolean printable() {
        return image != null;
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** The decoded image as an XObject of {@code document} (a Flate stream of the scaled pixels). */
    PDImageXObject embed(PDDocument document) throws IOException {
        return LosslessFactory.createFromImage(document, image);
    }

    private static ShopLogo refused(String reason) {
        return new ShopLogo(null, reason);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static BufferedImage scaled(BufferedImage source) {
        if (source.getHeight() <= MAX_HEIGHT) {
            return source;
        }
        int height = MAX_HEIGHT;
        int width = Math.max(1, (int) ((long) source.getWidth() * height / source.getHeight()));
        BufferedImage target = new BufferedImage(width, height,
                source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
