package com.mpac.payreq.error;

import org.springframework.http.HttpStatus;

/** The {@code errorCode} values of the API's error body, each with its HTTP status. */
public enum ErrorCode {
    InvalidParameter(HttpStatus.BAD_REQUEST),
    Unauthorized(HttpStatus.UNAUTHORIZED),
    Forbidden(HttpStatus.FORBIDDEN),
    PaymentRequestNotFound(HttpStatus.NOT_FOUND),
    NotFound(HttpStatus.NOT_FOUND),
    MethodNotAllowed(HttpStatus.METHOD_NOT_ALLOWED),
    NotAcceptable(HttpStatus.NOT_ACCEPTABLE),
    PaymentRequestAlreadyUsed(HttpStatus.CONFLICT),
    Conflict(HttpStatus.CONFLICT),
    PayloadTooLarge(HttpStatus.CONTENT_TOO_LARGE),
    UnsupportedMediaType(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    UnprocessableRequest(HttpStatus.UNPROCESSABLE_CONTENT),
    TooManyRequests(HttpStatus.TOO_MANY_REQUESTS),
    ServiceUnavailable(HttpStatus.SERVICE_UNAVAILABLE),
    InternalError(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The code for a status answered by someone else (a shared filter, Spring MVC). */
    public static ErrorCode ofStatus(int status) {
        return switch (status) {
            case 400 -> InvalidParameter;
            case 401 -> Unauthorized;
            case 403 -> Forbidden;
            case 404 -> NotFound;
            case 405 -> MethodNotAllowed;
            case 406 -> NotAcceptable;
            case 409 -> Conflict;
            case 413 -> PayloadTooLarge;
            case 415 -> UnsupportedMediaType;
            case 422 -> UnprocessableRequest;
            case 429 -> TooManyRequests;
            case 503 -> ServiceUnavailable;
            default -> status >= 500 ? InternalError : InvalidParameter;
        };
    }
}
