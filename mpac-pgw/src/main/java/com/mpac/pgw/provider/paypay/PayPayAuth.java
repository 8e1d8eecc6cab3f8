package com.mpac.pgw.provider.paypay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PayPay OPA request authentication: {@code Authorization: hmac OPA-Auth:{apiKey}:{macData}:{nonce}:{epoch}:{hash}}
 * where {@code hash = Base64(MD5(contentType + body))} ({@code empty} without a body) and {@code macData =
 * Base64(HMAC-SHA256(apiSecret, path \n METHOD \n nonce \n epoch \n contentType \n hash))}, the path without its query.
 * The connector signs with it; the PayPay sandbox verifies with it.
 */
final class PayPayAuth {

    static final String PREFIX = "hmac OPA-Auth:";
    static final String EMPTY = "empty";

    private PayPayAuth() {
    }

    static String header(String apiKey, String apiSecret, String method, String path, String contentType, byte[] body,
            String nonce, long epoch) {
        String hash = body == null || body.length == 0 ? EMPTY : bodyHash(contentType, body);
        String type = body == null || body.length == 0 ? EMPTY : contentType;
        return PREFIX + apiKey + ":" + mac(apiSecret, path, method, nonce, epoch, type, hash) + ":" + nonce + ":" + epoch
                + ":" + hash;
    }

    /** The parts of a received header, or empty if it is not one. */
    static Optional<Parts> parse(String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = header.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parts(parts[0], parts[1], parts[2], Long.parseLong(parts[3]), parts[4]));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    record Parts(String apiKey, String mac, String nonce, long epoch, String hash) {

        /** Whether the header was made with this secret for this request; constant-time on the MAC. */
        boolean verifies(String apiSecret, String method, String path, String contentType, byte[] body) {
            boolean hasBody = body != null && body.length > 0;
            String expectedHash = hasBody ? bodyHash(contentType, body) : EMPTY;
            if (!expectedHash.equals(hash)) {
                return false;
            }
            String expectedMac = PayPayAuth.mac(apiSecret, path, method, nonce, epoch, hasBody ? contentType : EMPTY, hash);
            return MessageDigest.isEqual(expectedMac.getBytes(StandardCharsets.UTF_8),
                    mac.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String bodyHash(String contentType, byte[] body) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(contentType.getBytes(StandardCharsets.UTF_8));
            md5.update(body);
            return Base64.getEncoder().encodeToString(md5.digest());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String mac(String secret, String path, String method, String nonce, long epoch, String contentType,
            String hash) {
        String signed = String.join("\n", path, method, nonce, Long.toString(epoch), contentType, hash);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
