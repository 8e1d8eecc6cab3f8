package com.mpac.contracts.hmac;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code v1=} + lowercase hex HMAC-SHA256(secret as UTF-8, signing string). */
public final class HmacSignature {

    static final String PREFIX = "v1=";

    private HmacSignature() {
    }

    public static String sign(String secret, String signingString) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(signingString.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }

    /**
     * Whether {@code presented} is the signature under any of the key's active secrets. Every secret is tried and
     * compared in constant time, so the answer's timing says nothing about which secret or byte differed.
     */
    public static boolean matchesAny(String presented, List<String> secrets, String signingString) {
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = sign(secret, signingString).getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched;
    }
}
