package com.mpac.mqpay.vnpay;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.mpac.contracts.qr.EmvQr;

/**
 * VietQR/EMVCo merchant-presented payloads for VNPAY-QR: dynamic (01 = 12), NAPAS template in tag 38 (GUID
 * {@code A000000727}, beneficiary = acquirer BIN + VNPAY merchant code, service {@code QRPUSH}), currency 704,
 * amount, country VN, the attempt's code as bill number (tag 62, sub 01) and the CRC in tag 63. VNPAY carries the bill
 * number back as the IPN's {@code txnId}.
 */
public final class VnpayQrCodes {

    static final String NAPAS_GUID = "A000000727";

    private VnpayQrCodes() {
    }

    public static String payload(VnpayAccount account, String billNumber, BigDecimal amount) {
        return EmvQr.builder()
                .field("00", "01")
                .field("01", "12")
                .template("38", napas -> napas.field("00", NAPAS_GUID)
                        .template("01", beneficiary -> beneficiary.field("00", account.acquirerBin())
                                .field("01", account.merchantCode()))
                        .field("02", "QRPUSH"))
                .field("53", "704")
                .field("54", amount.toPlainString())
                .field("58", "VN")
                .template("62", additional -> {
                    additional.field("01", billNumber);
                    if (account.terminalId() != null && !account.terminalId().isBlank()) {
                        additional.field("07", account.terminalId());
                    }
                })
                .build();
    }

    /** What a shopper's banking app reads from a payload whose CRC verifies. */
    public record Scanned(String merchantCode, String billNumber, BigDecimal amount, String terminalId) {
    }

    public static Optional<Scanned> scan(String payload) {
        Optional<List<EmvQr.Field>> parsed = EmvQr.parse(payload);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        List<EmvQr.Field> fields = parsed.get();
        Optional<EmvQr.Field> napas = field(fields, "38").filter(f -> f.sub("00").orElse("").equals(NAPAS_GUID));
        Optional<String> merchantCode = napas.flatMap(f -> f.sub("01"))
                .flatMap(b -> new EmvQr.Field("01", b).sub("01"));
        Optional<String> bill = field(fields, "62").flatMap(f -> f.sub("01"));
        Optional<String> amount = field(fields, "54").map(EmvQr.Field::value);
        if (merchantCode.isEmpty() || bill.isEmpty() || amount.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Scanned(merchantCode.get(), bill.get(), new BigDecimal(amount.get()),
                    field(fields, "62").flatMap(f -> f.sub("07")).orElse("")));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static Optional<EmvQr.Field> field(List<EmvQr.Field> fields, String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
