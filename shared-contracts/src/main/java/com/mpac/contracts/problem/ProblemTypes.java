package com.mpac.contracts.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The problem types every platform API shares. */
public final class ProblemTypes {

    public static final ProblemType MALFORMED_REQUEST =
            new ProblemType("malformed_request", HttpStatus.BAD_REQUEST, "Malformed request");
    public static final ProblemType VALIDATION_FAILED =
            new ProblemType("validation_failed", HttpStatus.BAD_REQUEST, "Validation failed");
    public static final ProblemType UNAUTHENTICATED =
            new ProblemType("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required");
    public static final ProblemType FORBIDDEN =
            new ProblemType("forbidden", HttpStatus.FORBIDDEN, "Forbidden");
    public static final ProblemType NOT_FOUND =
            new ProblemType("not_found", HttpStatus.NOT_FOUND, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not_acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable");
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload_too_large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large");
    public static final ProblemType CONFLICT =
            new ProblemType("conflict", HttpStatus.CONFLICT, "Conflict");
    public static final ProblemType IDEMPOTENCY_KEY_MISSING =
            new ProblemType("idempotency_key_missing", HttpStatus.BAD_REQUEST, "Idempotency-Key header required");
    public static final ProblemType IDEMPOTENCY_KEY_INVALID =
            new ProblemType("idempotency_key_invalid", HttpStatus.BAD_REQUEST, "Idempotency-Key header invalid");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED =
            new ProblemType("idempotency_key_reused", HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused with a different request");
    public static final ProblemType IDEMPOTENCY_KEY_IN_FLIGHT =
            new ProblemType("idempotency_key_in_flight", HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still in progress");
    public static final ProblemType TOO_MANY_REQUESTS =
            new ProblemType("too_many_requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests");
    public static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");
    public static final ProblemType INTERNAL_ERROR =
            new ProblemType("internal_error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final List<ProblemType> BY_STATUS = List.of(VALIDATION_FAILED, UNAUTHENTICATED,
            FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT, PAYLOAD_TOO_LARGE,
            UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS);

    /** The shared type for a bare HTTP status, for errors raised by the framework rather than by our code. */
    public static ProblemType forStatus(int status) {
        return BY_STATUS.stream()
                .filter(type -> type.status().value() == status)
                .findFirst()
                .orElse(status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR);
    }

    private ProblemTypes() {
    }
}
