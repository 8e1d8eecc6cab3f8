package com.mpac.contracts.qr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes as PNG images: otpauth URIs for authenticator apps, EMVCo payloads and payment links for shoppers. */
public final class QrCodeImage {

    /** Pixels per side; large enough for a phone camera at arm's length from a POS screen. */
    public static final int SIZE = 320;

    private QrCodeImage() {
    }

    /**
     * The text as a QR code. Latin-1 text is encoded as QR's default; anything else (EMVCo payloads may carry
     * non-Latin merchant names) as UTF-8 with its ECI marker, which plain readers of Latin-1 codes would not expect.
     */
    public static byte[] png(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 2);
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE, hints);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        }
        catch (WriterException ex) {
            throw new IllegalArgumentException("The text does not fit in a QR code", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
