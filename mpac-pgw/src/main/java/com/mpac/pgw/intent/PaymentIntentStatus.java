package com.mpac.pgw.intent;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The PaymentIntent lifecycle, with every allowed transition in one place. A failed attempt returns the intent to
 * {@code requires_payment_method}; {@code succeeded} and {@code canceled} are final. {@code processing} is also where
 * an intent waits while a capture or cancel is with the provider, so a second one meets a 409 instead of racing.
 */
public enum PaymentIntentStatus {

    REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED;

    private static final Map<PaymentIntentStatus, Set<PaymentIntentStatus>> NEXT = new EnumMap<>(
            PaymentIntentStatus.class);

    static {
        allow(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, PROCESSING, CANCELED);
        allow(REQUIRES_CONFIRMATION, REQUIRES_PAYMENT_METHOD, PROCESSING, CANCELED);
        allow(PROCESSING, REQUIRES_ACTION, REQUIRES_CAPTURE, SUCCEEDED, REQUIRES_PAYMENT_METHOD, CANCELED);
        allow(REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, REQUIRES_PAYMENT_METHOD, CANCELED);
        allow(REQUIRES_CAPTURE, PROCESSING, SUCCEEDED, CANCELED);
    }

    private static void allow(PaymentIntentStatus from, PaymentIntentStatus... to) {
        NEXT.put(from, EnumSet.of(to[0], to));
    }

    public boolean canMoveTo(PaymentIntentStatus target) {
        return NEXT.getOrDefault(this, Set.of()).contains(target);
    }

    public boolean isFinal() {
        return !NEXT.containsKey(this);
    }

    /** The wire and database spelling, e.g. {@code requires_capture}. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentIntentStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
