package com.mpac.pgw.provider.linepay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LINE Pay v3 request signatures: {@code X-LINE-Authorization = Base64(HMAC-SHA256(channelSecret, channelSecret +
 * path + (body for POST, query string without '?' for GET) + nonce))}, with {@code X-LINE-ChannelId} and
 * {@code X-LINE-Authorization-Nonce} beside it.
 */
final class LinePayAuth {

    static final String CHANNEL_ID = "X-LINE-ChannelId";
    static final String NONCE = "X-LINE-Authorization-Nonce";
    static final String SIGNATURE = "X-LINE-Authorization";

    private LinePayAuth() {
    }

    static String signature(String channelSecret, String path, String bodyOrQuery, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(channelSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((channelSecret + path + bodyOrQuery + nonce)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static boolean verifies(String channelSecret, String path, String bodyOrQuery, String nonce, String signature) {
        if (nonce == null || signature == null || nonce.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(signature(channelSecret, path, bodyOrQuery, nonce)
                .getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
