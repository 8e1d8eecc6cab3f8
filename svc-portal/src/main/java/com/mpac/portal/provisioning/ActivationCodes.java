package com.mpac.portal.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Activation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits, shown as
 * {@code XXXX-XXXX}. A code is short enough to type on a terminal, so it is guarded by its 10-minute life, single
 * use and throttled guessing; at rest only an HMAC of it is kept, keyed by a key derived from the master key, so
 * neither the table nor a backup of it yields a code that works (a plain hash of 40 bits would be reversed at once).
 */
@Component
class ActivationCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec hashKey;

    ActivationCodes(@Value("${mpac.master-key}") String masterKey) {
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(masterKey.trim()),
                "HmacSHA256"), "mpac:svc-portal:activation-code:v1"), "HmacSHA256");
    }

    /** A new code in its normalised form (8 characters, no separator). */
    String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What a person reads and types: {@code XXXX-XXXX}. */
    static String display(String code) {
        return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
    }

    /** The code as typed, case and separators ignored; empty when it cannot be a code at all. */
    static Optional<String> normalize(String typed) {
        String code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** The first characters, which name the global throttle bucket a guess counts against. */
    static String prefix(String code) {
        return code.substring(0, 2);
    }

    String hash(String code) {
        return HexFormat.of().formatHex(hmac(hashKey, code));
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }
}
