package com.mpac.contracts.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import static org.assertj.core.api.Assertions.assertThat;

class EmvQrTests {

    private static final String EMVCO_SAMPLE = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678"
            + "520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603"
            + "***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

    private static final String VIETQR_SAMPLE = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
            + "530370454061200005802VN62170813ung ho lu lut6304C15C";

    @Test
    void shouldComputeTheCcittFalseCheckValue() {
        assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
    }

    @Test
    void shouldVerifyThePublicSamples() {
        assertThat(EmvQr.parse(EMVCO_SAMPLE)).get().satisfies(fields -> {
            assertThat(fields.getFirst()).isEqualTo(new EmvQr.Field("00", "01"));
            assertThat(fields).contains(new EmvQr.Field("59", "BEST TRANSPORT"), new EmvQr.Field("63", "A13A"));
            assertThat(fields.stream().filter(f -> f.id().equals("64")).findFirst().orElseThrow().sub("01"))
                    .contains("最佳运输");
        });
        assertThat(EmvQr.parse(VIETQR_SAMPLE)).get().satisfies(fields -> {
            EmvQr.Field napas = fields.stream().filter(f -> f.id().equals("38")).findFirst().orElseThrow();
            assertThat(napas.sub("00")).contains("A000000727");
            assertThat(fields).contains(new EmvQr.Field("54", "120000"), new EmvQr.Field("53", "704"));
        });
    }

    @Test
    void shouldRebuildTheVietQrSampleByteForByte() {
        String built = EmvQr.builder()
                .field("00", "01").field("01", "12")
                .template("38", napas -> napas.field("00", "A000000727")
                        .template("01", bank -> bank.field("00", "970415").field("01", "0011001932418"))
                        .field("02", "QRIBFTTA"))
                .field("53", "704").field("54", "120000").field("58", "VN")
                .template("62", extra -> extra.field("08", "ung ho lu lut"))
                .build();

        assertThat(built).isEqualTo(VIETQR_SAMPLE);
    }

    @Test
    void shouldRejectTamperedOrMalformedPayloads() {
        assertThat(EmvQr.parse(VIETQR_SAMPLE.replace("120000", "920000"))).isEmpty();
        assertThat(EmvQr.parse(VIETQR_SAMPLE.substring(0, VIETQR_SAMPLE.length() - 1) + "D")).isEmpty();
        assertThat(EmvQr.parse("0002016304")).isEmpty();
        assertThat(EmvQr.parse(null)).isEmpty();
        assertThat(EmvQr.fields("0099AB")).isEmpty();
        assertThat(EmvQr.fields("00A1B")).isEmpty();
        assertThat(EmvQr.fields("000201")).contains(List.of(new EmvQr.Field("00", "01")));
    }

    @Test
    void shouldRenderPngsThatAReaderDecodesBackToTheText() throws Exception {
        for (String text : List.of(VIETQR_SAMPLE, EMVCO_SAMPLE, "otpauth://totp/MPAC:a%40b.example?secret=JBSWY3DP")) {
            byte[] png = QrCodeImage.png(text);

            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText()).isEqualTo(text);
        }
    }
}
