package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mpac.contracts.qr.Crc16;
import com.mpac.contracts.qr.EmvQr;

class QrPayloadTests {

    static final String EMVCO_SAMPLE = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678"
            + "520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412"
            + "340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

    @Test
    void shouldComputeEmvcosPublishedCrcForItsSample() {
        String body = EMVCO_SAMPLE.substring(0, EMVCO_SAMPLE.length() - 4);

        assertThat(Crc16.hex(body)).isEqualTo("A13A");
        assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
        assertThat(EmvQr.parse(EMVCO_SAMPLE)).isPresent();
    }

    @Test
    void shouldBuildADynamicPayloadWithAmountCurrencyCountryAndReference() {
        String payload = QrPayload.build(true, "1003600012345", "MIA0001", "5999", new BigDecimal("125.50"),
                "Cafe Chișinău", "REF123");

        List<EmvQr.Field> fields = EmvQr.parse(payload).orElseThrow();

        assertThat(payload).endsWith(Crc16.hex(payload.substring(0, payload.length() - 4)));
        assertThat(value(fields, "00")).isEqualTo("01");
        assertThat(value(fields, "01")).isEqualTo("12");
        assertThat(value(fields, "53")).isEqualTo("498");
        assertThat(value(fields, "54")).isEqualTo("125.50");
        assertThat(value(fields, "58")).isEqualTo("MD");
        assertThat(value(fields, "59")).isEqualTo("Cafe Chisinau");
        assertThat(value(fields, "60")).isEqualTo("Chisinau");
        EmvQr.Field account = fields.stream().filter(f -> f.id().equals("26")).findFirst().orElseThrow();
        assertThat(account.sub("00")).hasValue(QrPayload.GUID);
        assertThat(account.sub("01")).hasValue("1003600012345");
        assertThat(QrPayload.reference(payload)).hasValue("REF123");
        assertThat(fields.getLast().id()).isEqualTo("63");
    }

    @Test
    void shouldMarkStaticCodesAndLeaveTheAmountOut() {
        String payload = QrPayload.build(false, "1", "T", "5999", null, "Shop", "R");

        List<EmvQr.Field> fields = EmvQr.parse(payload).orElseThrow();

        assertThat(value(fields, "01")).isEqualTo("11");
        assertThat(fields).noneMatch(f -> f.id().equals("54"));
        assertThat(QrPayload.reference(payload.substring(0, payload.length() - 1) + "0")).isEmpty();
    }

    private static String value(List<EmvQr.Field> fields, String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().value();
    }
}
