package com.mpac.mobilepay.error;

import org.springframework.http.HttpStatus;

/** The machine-readable {@code code} of a MobilePay POS API error, with the HTTP status it answers. */
public enum PosErrorCode {
    InvalidParameter(HttpStatus.BAD_REQUEST),
    Unauthorized(HttpStatus.UNAUTHORIZED),
    Forbidden(HttpStatus.FORBIDDEN),
    NotFound(HttpStatus.NOT_FOUND),
    MerchantNotFound(HttpStatus.NOT_FOUND),
    TerminalNotFound(HttpStatus.NOT_FOUND),
    PosNotFound(HttpStatus.NOT_FOUND),
    StoreNotFound(HttpStatus.NOT_FOUND),
    PaymentNotFound(HttpStatus.NOT_FOUND),
    RefundNotFound(HttpStatus.NOT_FOUND),
    MethodNotAllowed(HttpStatus.METHOD_NOT_ALLOWED),
    NotAcceptable(HttpStatus.NOT_ACCEPTABLE),
    AccessTokenAlreadyExists(HttpStatus.CONFLICT),
    PosAlreadyExists(HttpStatus.CONFLICT),
    ActivePaymentExists(HttpStatus.CONFLICT),
    InvalidPaymentState(HttpStatus.CONFLICT),
    PaymentNotPrepared(HttpStatus.CONFLICT),
    InvalidRefundState(HttpStatus.CONFLICT),
    Conflict(HttpStatus.CONFLICT),
    AmountExceedsReserved(HttpStatus.UNPROCESSABLE_CONTENT),
    RefundExceedsRemaining(HttpStatus.UNPROCESSABLE_CONTENT),
    PayloadTooLarge(HttpStatus.CONTENT_TOO_LARGE),
    UnsupportedMediaType(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    InternalError(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    PosErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The generic code for a status raised by the framework (no route, wrong method, unreadable body, ...). */
    public static PosErrorCode ofStatus(int status) {
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
            default -> status < 500 ? InvalidParameter : InternalError;
        };
    }
}
