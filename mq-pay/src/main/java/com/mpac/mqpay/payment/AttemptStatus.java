package com.mpac.mqpay.payment;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;

/**
 * A payment attempt's lifecycle, with its allowed transitions in one place. Cash attempts start {@code 100_NEW}
 * (nothing is sent anywhere); QR attempts start {@code 204_SENT} (the QR is shown). {@code 505_CANCELLED} is
 * MQ-Pay's addition for an attempt a cancel ended (the seed uses the code for transactions).
 */
public enum AttemptStatus {

    NEW("100_NEW"), SENT("204_SENT"), SUCCESS("302_SUCCESS"), FAIL("500_FAIL"), EXPIRED("501_EXPIRED"),
    CANCELLED("505_CANCELLED");

    private static final Map<AttemptStatus, Set<AttemptStatus>> ALLOWED = Map.of(
            NEW, Set.of(SUCCESS, FAIL, CANCELLED),
            SENT, Set.of(SUCCESS, FAIL, EXPIRED, CANCELLED),
            SUCCESS, Set.of(), FAIL, Set.of(), EXPIRED, Set.of(), CANCELLED, Set.of());

    private final String code;

    AttemptStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static AttemptStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown attempt status " + code));
    }

    /** Still waiting for money: it reserves its amount of the transaction's remainder. */
    public boolean isOpen() {
        return this == NEW || this == SENT;
    }

    AttemptStatus to(AttemptStatus next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new MqPayException(ErrorCode.INVALID_ATTEMPT_STATUS,
                    "An attempt in " + code + " cannot become " + next.code + ".");
        }
        return next;
    }
}
