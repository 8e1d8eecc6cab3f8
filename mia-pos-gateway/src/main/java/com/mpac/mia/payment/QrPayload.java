package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Optional;

import com.mpac.contracts.qr.EmvQr;

/**
 * The EMVCo merchant-presented payload of a MIA QR code. Merchant-account template (tag 26): {@code 00} the
 * globally unique id {@code MD.MPAC.MIAPOS}, {@code 01} the merchant's IDNO, {@code 02} the MIA terminal id.
 * Then 52 MCC, 53 currency 498 (MDL), 54 the amount (dynamic codes with a fixed amount only), 58 country MD,
 * 59 merchant name, 60 city, 62 additional data with 05 the code's reference (what the payer's bank quotes back)
 * and 07 the terminal id, and 63 the CRC-16/CCITT-FALSE.
 */
final class QrPayload {

    static final String GUID = "MD.MPAC.MIAPOS";
    static final String CITY = "Chisinau";

    private QrPayload() {
    }

    static String build(boolean dynamic, String idno, String miaTerminalId, String mcc, BigDecimal amount,
            String merchantName, String reference) {
        EmvQr.Builder qr = EmvQr.builder()
                .field("00", "01")
                .field("01", dynamic ? "12" : "11")
                .template("26", account -> account.field("00", GUID).field("01", idno).field("02", miaTerminalId))
                .field("52", mcc)
                .field("53", "498");
        if (amount != null) {
            qr.field("54", amount.toPlainString());
        }
        return qr.field("58", "MD")
                .field("59", name(merchantName))
                .field("60", CITY)
                .template("62", data -> data.field("05", reference).field("07", miaTerminalId))
                .build();
    }

    /** The reference in tag 62/05 of a payload whose CRC verifies. */
    static Optional<String> reference(String payload) {
        return EmvQr.parse(payload).flatMap(fields -> fields.stream().filter(f -> f.id().equals("62")).findFirst())
                .flatMap(field -> field.sub("05"));
    }

    /** The MCC in tag 52 of a payload whose CRC verifies. */
    static Optional<String> mcc(String payload) {
        return EmvQr.parse(payload).flatMap(fields -> fields.stream().filter(f -> f.id().equals("52")).findFirst())
                .map(field -> field.value());
    }

    // Tag 59 holds at most 25 characters; keep it to plain letters so every banking app shows it.
    private static String name(String merchantName) {
        String ascii = Normalizer.normalize(merchantName, Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E]", "")
                .trim();
        if (ascii.isEmpty()) {
            ascii = "MERCHANT";
        }
        return ascii.length() > 25 ? ascii.substring(0, 25) : ascii;
    }
}
