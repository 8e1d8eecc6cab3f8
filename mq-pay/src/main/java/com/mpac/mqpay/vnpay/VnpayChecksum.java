package com.mpac.mqpay.vnpay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * VNPAY-QR's IPN checksum: the uppercase hex MD5 of
 * {@code code|msgType|txnId|qrTrace|bankCode|mobile|accountNo|amount|payDate|merchantCode|secretKey}
 * (absent fields as empty strings), the secret being the merchant's {@code hash_secret}.
 */
public final class VnpayChecksum {

    private VnpayChecksum() {
    }

    public static String of(VnpayIpn ipn, String secret) {
        String joined = String.join("|", text(ipn.code()), text(ipn.msgType()), text(ipn.txnId()),
                text(ipn.qrTrace()), text(ipn.bankCode()), text(ipn.mobile()), text(ipn.accountNo()),
                text(ipn.amount()), text(ipn.payDate()), text(ipn.merchantCode()), secret);
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("MD5 is part of every JDK", ex);
        }
    }

    /** Constant-time, case-insensitive comparison with the checksum the IPN carries. */
    public static boolean matches(VnpayIpn ipn, String secret) {
        if (ipn.checksum() == null) {
            return false;
        }
        byte[] expected = of(ipn, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] received = ipn.checksum().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, received);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
