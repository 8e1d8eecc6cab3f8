package com.mpac.mqpay.error;

/** A refusal the MQ-Pay API answers in its error envelope, with the code's HTTP status. */
public class MqPayException extends RuntimeException {

    private final ErrorCode code;

    public MqPayException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static MqPayException invalid(String message) {
        return new MqPayException(ErrorCode.VALIDATION_ERROR, message);
    }
}
