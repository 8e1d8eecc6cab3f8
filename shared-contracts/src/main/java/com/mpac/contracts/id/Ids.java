package com.mpac.contracts.id;

import java.security.SecureRandom;

/**
 * Server-side ids: a kind prefix and 120 random bits in lowercase Crockford base32 ({@code mer_7k2m...}), so ids say
 * what they name, reveal nothing about how many there are, and cannot be guessed.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code prefix_} and 24 random characters. */
    public static String next(String prefix) {
        return prefix + "_" + random(24);
    }

    /** {@code length} random base32 characters, 5 bits each. */
    public static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
