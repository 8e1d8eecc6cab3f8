package com.mpac.mqpay.payment;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the shopper pays, by the seed's coded names. */
public enum PaymentMethod {

    QR_CODE("100_QR_CODE"), CASH("200_CASH");

    private final String code;

    PaymentMethod(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static PaymentMethod of(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown payment method"));
    }
}
