package com.mpac.mqpay.vnpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mpac.contracts.qr.Crc16;
import com.mpac.contracts.qr.EmvQr;

class VnpayQrCodesTests {

    private static final String VIETQR_SAMPLE = "00020101021238570010A00000072701270006970415011300110019324180208"
            + "QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";

    private final VnpayAccount account = new VnpayAccount("MC12345678", "970436", "POS01", "secret");

    @Test
    void shouldVerifyThePublicVietQrSample() {
        List<EmvQr.Field> fields = EmvQr.parse(VIETQR_SAMPLE).orElseThrow();

        assertThat(fields.stream().filter(f -> f.id().equals("38")).findFirst().orElseThrow().sub("00"))
                .hasValue("A000000727");
        assertThat(Crc16.hex(VIETQR_SAMPLE.substring(0, VIETQR_SAMPLE.length() - 4))).isEqualTo("C15C");
    }

    @Test
    void shouldBuildADynamicNapasPayloadWhoseCrcVerifies() {
        String payload = VnpayQrCodes.payload(account, "ATT000042", new BigDecimal("60000"));

        Map<String, String> fields = EmvQr.parse(payload).orElseThrow().stream()
                .collect(java.util.stream.Collectors.toMap(EmvQr.Field::id, EmvQr.Field::value));
        assertThat(payload).startsWith("000201010212");
        assertThat(fields).containsEntry("53", "704").containsEntry("54", "60000").containsEntry("58", "VN");
        assertThat(fields.get("38")).isEqualTo("0010A000000727" + "0124" + "0006970436" + "0110MC12345678"
                + "0206QRPUSH");
        assertThat(fields.get("62")).isEqualTo("0109ATT000042" + "0705POS01");
        assertThat(payload).endsWith(Crc16.hex(payload.substring(0, payload.length() - 4)));
        assertThat(payload.substring(payload.length() - 8, payload.length() - 4)).isEqualTo("6304");
    }

    @Test
    void shouldScanBackWhatItBuilt() {
        String payload = VnpayQrCodes.payload(account, "ATT000042", new BigDecimal("60000"));

        assertThat(VnpayQrCodes.scan(payload)).hasValue(
                new VnpayQrCodes.Scanned("MC12345678", "ATT000042", new BigDecimal("60000"), "POS01"));
    }

    @Test
    void shouldRefuseATamperedPayload() {
        String payload = VnpayQrCodes.payload(account, "ATT000042", new BigDecimal("60000"));

        assertThat(VnpayQrCodes.scan(payload.replace("540560000", "540510000"))).isEmpty();
        assertThat(VnpayQrCodes.scan("not a qr")).isEmpty();
        assertThat(VnpayQrCodes.scan(VIETQR_SAMPLE)).isEmpty();
    }
}
