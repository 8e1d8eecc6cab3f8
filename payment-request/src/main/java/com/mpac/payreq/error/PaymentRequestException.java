package com.mpac.payreq.error;

/** A refusal of the Payment Request API, answered as {@link PaymentRequestError} with the code's status. */
public class PaymentRequestException extends RuntimeException {

    private final ErrorCode code;

    public PaymentRequestException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static PaymentRequestException invalid(String message) {
        return new PaymentRequestException(ErrorCode.InvalidParameter, message);
    }

    public static PaymentRequestException notFound() {
        return new PaymentRequestException(ErrorCode.PaymentRequestNotFound, "No such payment request.");
    }
}
