package com.mpac.mqpay.payment;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an attempt does: take money, cancel a payment attempt (child), or give money back (child). */
public enum AttemptType {

    PAYMENT("100_PAYMENT"), CANCEL("200_CANCEL_PAYMENT"), REFUND("300_REFUND_PAYMENT");

    private final String code;

    AttemptType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static AttemptType of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown attempt type " + code));
    }
}
