package com.mpac.contracts.qr;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), as EMVCo QR tag 63 carries it. */
public final class Crc16 {

    private Crc16() {
    }

    /** Four uppercase hex digits over the text's UTF-8 bytes: {@code "123456789"} gives {@code "29B1"}. */
    public static String hex(String text) {
        int crc = 0xFFFF;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return HexFormat.of().withUpperCase().toHexDigits((short) crc);
    }
}
