package com.mpac.smarttab.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * Amounts in a currency's own scale (JPY 0 decimals, USD 2): every amount that enters is checked to fit the scale,
 * every computed amount is rounded half-up to it, and the gateway's minor units convert exactly both ways.
 */
public final class Money {

    /** The largest amount of any one line, bill or payment; the gateway's limit is 99,999,999,999 minor units. */
    public static final BigDecimal MAX = new BigDecimal("999999999");

    private Money() {
    }

    /** The number of decimals of {@code currency}; 400 for a code Java does not know or one without minor units. */
    public static int scale(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            if (digits < 0) {
                throw invalid("currency", currency + " is not a currency of payments");
            }
            return digits;
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw invalid("currency", "must be an ISO 4217 code in upper case");
        }
    }

    /**
     * {@code amount} in the currency's scale, refused when it has more decimals than the currency, is negative or
     * exceeds {@link #MAX}.
     */
    public static BigDecimal exact(BigDecimal amount, String currency, String field) {
        if (amount.signum() < 0) {
            throw invalid(field, "must not be negative");
        }
        if (amount.compareTo(MAX) > 0) {
            throw invalid(field, "must be at most " + MAX.toPlainString());
        }
        try {
            return amount.setScale(scale(currency), RoundingMode.UNNECESSARY);
        }
        catch (ArithmeticException ex) {
            throw invalid(field, "has more decimals than " + currency + " allows (" + scale(currency) + ")");
        }
    }

    /** Like {@link #exact} and also greater than zero. */
    public static BigDecimal positive(BigDecimal amount, String currency, String field) {
        BigDecimal exact = exact(amount, currency, field);
        if (exact.signum() == 0) {
            throw invalid(field, "must be greater than zero");
        }
        return exact;
    }

    /** A computed amount rounded half-up to the currency's scale. */
    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.HALF_UP);
    }

    /** A stored amount (numeric(19,4)) back in the currency's scale; stored amounts always fit it. */
    public static BigDecimal stored(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.UNNECESSARY);
    }

    public static BigDecimal zero(String currency) {
        return BigDecimal.ZERO.setScale(scale(currency));
    }

    public static long toMinor(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.UNNECESSARY).movePointRight(scale(currency))
                .longValueExact();
    }

    public static BigDecimal fromMinor(long minor, String currency) {
        return BigDecimal.valueOf(minor).movePointLeft(scale(currency)).setScale(scale(currency));
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }
}
