package com.mpac.smarttab.gateway;

import org.jspecify.annotations.Nullable;

/**
 * A gateway call that did not answer 2xx. {@link #refused()} (400, 402, 404 or 422 with one of the gateway's problem
 * codes) means the gateway decided, and nothing moved; anything else (409 {@code idempotency_key_in_flight} or
 * {@code payment_intent_unexpected_state}, 429, 5xx, timeout, no connection) leaves the outcome unknown: it must be
 * looked up later, never taken for a refusal.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final @Nullable String code;

    GatewayException(int status, @Nullable String code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public boolean refused() {
        return (status == 400 || status == 402 || status == 404 || status == 422) && code != null;
    }

    public int status() {
        return status;
    }

    public @Nullable String code() {
        return code;
    }
}
