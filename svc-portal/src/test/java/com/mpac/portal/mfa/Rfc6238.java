package com.mpac.portal.mfa;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own TOTP, written from RFC 6238's reference implementation (appendix A: hex time counter, HMAC-SHA1,
 * truncation, modulo 10^digits) and independent of the portal's code, so the two check each other.
 */
public final class Rfc6238 {

    private static final int[] DIGITS_POWER = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };

    private Rfc6238() {
    }

    /** The code for Unix time {@code seconds} with a 30 s step. */
    public static String totp(byte[] key, long seconds, int digits) {
        return generate(key, seconds / 30, digits);
    }

    static String generate(byte[] key, long counter, int digits) {
        StringBuilder time = new StringBuilder(Long.toHexString(counter).toUpperCase(Locale.ROOT));
        while (time.length() < 16) {
            time.insert(0, '0');
        }
        byte[] message = hexToBytes(time.toString());
        byte[] hash = hmacSha1(key, message);
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        StringBuilder result = new StringBuilder(Integer.toString(binary % DIGITS_POWER[digits]));
        while (result.length() < digits) {
            result.insert(0, '0');
        }
        return result.toString();
    }

    /** RFC 4648 base32 (the otpauth secret), decoded via a big integer rather than a bit buffer. */
    public static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        BigInteger value = BigInteger.ZERO;
        for (char c : text.replace("=", "").toUpperCase(Locale.ROOT).toCharArray()) {
            int digit = alphabet.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            value = value.shiftLeft(5).or(BigInteger.valueOf(digit));
        }
        int bits = text.length() * 5;
        int bytes = bits / 8;
        value = value.shiftRight(bits - bytes * 8);
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "RAW"));
            return mac.doFinal(message);
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] hexToBytes(String hex) {
        byte[] array = new BigInteger("10" + hex, 16).toByteArray();
        byte[] out = new byte[array.length - 1];
        System.arraycopy(array, 1, out, 0, out.length);
        return out;
    }
}
