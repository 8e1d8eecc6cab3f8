package com.mpac.smarttab.gateway;

import org.jspecify.annotations.Nullable;

/**
 * A gateway call that did not answer 2xx. {@link #refused()} (a 4xx) means the gateway decided, and nothing moved;
 * otherwise (5xx, timeout, no connection) the outcome is unknown and must be looked up later.
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
        return status >= 400 && status < 500;
    }

    public int status() {
        return status;
    }

    public @Nullable String code() {
        return code;
    }
}
