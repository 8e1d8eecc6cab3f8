package com.mpac.payreq.paymentrequest;

import java.util.Arrays;
import java.util.Optional;

/**
 * The seed's {@code status} 0–4, derived (never stored) from the enabled flag, the activation/expiration window
 * and the usage count, in this order of precedence. The derivation is one SQL expression, so the list filter
 * ({@code st}), the list, the single request and the hosted page always agree.
 */
public enum PaymentRequestStatus {
    /** {@code isEnabled} is false. */
    DISABLED(0),
    /** Enabled, but the activation date is still ahead. */
    NOT_YET_ACTIVE(1),
    /** Enabled, inside its window, and payable (the seed's example: status 2). */
    ACTIVE(2),
    /** Enabled, not used up, past its expiration date. */
    EXPIRED(3),
    /** Enabled and its usage count has reached a non-zero usage count limit. */
    USED_UP(4);

    /** The one derivation, evaluated by PostgreSQL at the statement's time, over {@code payment_request}. */
    public static final String SQL = sql("");

    /** The same over {@code payment_request} aliased, e.g. {@code sql("r.")}. */
    public static String sql(String alias) {
        return """
                (CASE WHEN NOT %1$sis_enabled THEN 0
                      WHEN %1$susage_count_limit > 0 AND %1$scurrent_usage_count >= %1$susage_count_limit THEN 4
                      WHEN now() >= %1$sexpiration_date THEN 3
                      WHEN now() < %1$sactivation_date THEN 1
                      ELSE 2 END)""".formatted(alias);
    }

    private final int code;

    PaymentRequestStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PaymentRequestStatus> of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }
}
