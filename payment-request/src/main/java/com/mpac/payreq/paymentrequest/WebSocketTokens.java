package com.mpac.payreq.paymentrequest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.mpac.contracts.crypto.Sha256;

/**
 * A request's WebSocket token: 256 random bits, found by its SHA-256 (a fast hash suffices for that much
 * entropy) and sealed under the master key so that GET can show it again.
 */
public final class WebSocketTokens {

    public static final String PATH = "/ws/PaymentRequest";

    private WebSocketTokens() {
    }

    public static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    static String context(UUID paymentRequestId) {
        return "payreq:websocket-token:" + paymentRequestId;
    }
}
