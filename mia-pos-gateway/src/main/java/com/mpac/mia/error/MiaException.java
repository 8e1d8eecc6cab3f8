package com.mpac.mia.error;

import org.springframework.http.HttpStatus;

/** A refusal answered in the MIA POS error envelope, with its status and a stable {@code errorCode}. */
public class MiaException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private Integer leftAttempts;
    private Long retryAfterSeconds;

    public MiaException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static MiaException badRequest(String message) {
        return new MiaException(HttpStatus.BAD_REQUEST, "validation_error", message);
    }

    public static MiaException notFound(String what) {
        return new MiaException(HttpStatus.NOT_FOUND, "not_found", what + " not found.");
    }

    public static MiaException conflict(String code, String message) {
        return new MiaException(HttpStatus.CONFLICT, code, message);
    }

    public static MiaException unauthorized(String message) {
        return new MiaException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public MiaException withLeftAttempts(int left) {
        this.leftAttempts = left;
        return this;
    }

    /** Sent as the {@code Retry-After} header (seconds), for refusals that pass with time. */
    public MiaException withRetryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Integer leftAttempts() {
        return leftAttempts;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
