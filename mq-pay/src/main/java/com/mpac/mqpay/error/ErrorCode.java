package com.mpac.mqpay.error;

import org.springframework.http.HttpStatus;

/**
 * The codes of the MQ-Pay error envelope {@code {"error": {"code", "message"}}} and the HTTP status each answers
 * with. The seed names the first six; the rest cover what it leaves open (bad input, authentication, missing rows).
 */
public enum ErrorCode {

    INVALID_TRANSACTION_STATUS(HttpStatus.CONFLICT),
    PAYMENT_ATTEMPT_NOT_FOUND(HttpStatus.NOT_FOUND),
    PROVIDER_NOT_CONFIGURED(HttpStatus.UNPROCESSABLE_CONTENT),
    SIGNATURE_MISMATCH(HttpStatus.UNAUTHORIZED),
    REFUND_EXCEEDS_REMAINING(HttpStatus.UNPROCESSABLE_CONTENT),
    ATTEMPT_NOT_SUCCESS(HttpStatus.CONFLICT),

    INVALID_ATTEMPT_STATUS(HttpStatus.CONFLICT),
    AMOUNT_EXCEEDS_REMAINING(HttpStatus.UNPROCESSABLE_CONTENT),
    TOTAL_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT),
    TRANSACTION_NOT_FOUND(HttpStatus.NOT_FOUND),
    PAYMENT_RESULT_NOT_FOUND(HttpStatus.NOT_FOUND),
    TRANSACTION_ITEM_NOT_FOUND(HttpStatus.NOT_FOUND),
    VALIDATION_ERROR(HttpStatus.BAD_REQUEST),
    INVALID_FILTER(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    CONFLICT(HttpStatus.CONFLICT),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
