package com.mpac.mobilepay.error;

/** A refusal of the MobilePay POS API: its code decides the HTTP status. */
public class PosException extends RuntimeException {

    private final PosErrorCode code;

    public PosException(PosErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PosErrorCode code() {
        return code;
    }

    public static PosException invalid(String message) {
        return new PosException(PosErrorCode.InvalidParameter, message);
    }
}
