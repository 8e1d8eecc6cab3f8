package com.mpac.mqpay.error;

import java.util.Map;

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
    IDEMPOTENCY_KEY_INVALID(HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT),
    IDEMPOTENCY_KEY_IN_FLIGHT(HttpStatus.CONFLICT),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private static final Map<String, ErrorCode> BY_PROBLEM_CODE = Map.ofEntries(
            Map.entry("malformed_request", VALIDATION_ERROR),
            Map.entry("validation_failed", VALIDATION_ERROR),
            Map.entry("unauthenticated", UNAUTHORIZED),
            Map.entry("forbidden", FORBIDDEN),
            Map.entry("not_found", NOT_FOUND),
            Map.entry("method_not_allowed", METHOD_NOT_ALLOWED),
            Map.entry("unsupported_media_type", UNSUPPORTED_MEDIA_TYPE),
            Map.entry("not_acceptable", NOT_ACCEPTABLE),
            Map.entry("payload_too_large", PAYLOAD_TOO_LARGE),
            Map.entry("conflict", CONFLICT),
            Map.entry("idempotency_key_missing", VALIDATION_ERROR),
            Map.entry("idempotency_key_invalid", IDEMPOTENCY_KEY_INVALID),
            Map.entry("idempotency_key_reused", IDEMPOTENCY_KEY_REUSED),
            Map.entry("idempotency_key_in_flight", IDEMPOTENCY_KEY_IN_FLIGHT));

    /** The envelope code for a platform problem code (the shared filters and handlers speak problem documents). */
    public static ErrorCode ofProblem(String problemCode, int status) {
        ErrorCode code = BY_PROBLEM_CODE.get(problemCode);
        if (code != null) {
            return code;
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
    }

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
