package com.mpac.contracts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com): {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "{id}.{timestamp}.{body}">} keyed with the base64 part of a {@code whsec_} secret. Senders sign, receivers verify
 * against every active secret and reject stale timestamps.
 */
public final class StandardWebhook {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhook() {
    }

    /** The {@code webhook-signature} value for one message. */
    public static String sign(String secret, String id, long timestamp, String body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
    }

    /**
     * Whether any {@code v1,} signature in the header matches under any of the secrets, and the timestamp is within
     * the tolerance of now. Fails closed on anything malformed.
     */
    public static boolean verify(Collection<String> secrets, String id, String timestamp, String signatureHeader,
            String body, Instant now, Duration tolerance) {
        if (id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        }
        catch (NumberFormatException ex) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        for (String secret : secrets) {
            byte[] expected = mac(secret, id, seconds, body);
            for (String candidate : signatureHeader.split(" ")) {
                if (candidate.startsWith("v1,") && matches(expected, candidate.substring(3))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A new random {@code whsec_} secret (32 bytes). */
    public static String newSecret(java.security.SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static boolean matches(byte[] expected, String base64) {
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static byte[] mac(String secret, String id, long timestamp, String body) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A Standard Webhooks secret starts with whsec_");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
