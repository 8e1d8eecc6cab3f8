package com.mpac.mobilepay.payment;

import java.math.BigDecimal;
import java.util.Currency;

import com.mpac.mobilepay.error.PosException;

/** Amounts as the POS sends them: decimals in the currency's scale, with an ISO 4217 currency code. */
final class Money {

    static final BigDecimal MAX = new BigDecimal("999999999");

    private Money() {
    }

    static Currency currency(String currencyCode) {
        if (currencyCode == null || !currencyCode.matches("[A-Z]{3}")) {
            throw PosException.invalid("currencyCode must be an ISO 4217 code such as DKK or EUR.");
        }
        try {
            Currency currency = Currency.getInstance(currencyCode);
            if (currency.getDefaultFractionDigits() < 0) {
                throw PosException.invalid("currencyCode " + currencyCode + " is not a currency of payments.");
            }
            return currency;
        }
        catch (IllegalArgumentException ex) {
            throw PosException.invalid("currencyCode " + currencyCode + " is not an ISO 4217 code.");
        }
    }

    /** The amount in the currency's scale; 400 when missing, not positive, too large or too precise. */
    static BigDecimal amount(BigDecimal amount, String currencyCode) {
        Currency currency = currency(currencyCode);
        if (amount == null) {
            throw PosException.invalid("amount is required.");
        }
        if (amount.signum() <= 0) {
            throw PosException.invalid("amount must be greater than zero.");
        }
        if (amount.compareTo(MAX) > 0) {
            throw PosException.invalid("amount must not exceed " + MAX.toPlainString() + ".");
        }
        int scale = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > scale) {
            throw PosException.invalid("amount has more than " + scale + " decimals for " + currencyCode + ".");
        }
        return amount.setScale(scale);
    }

    static BigDecimal scaled(BigDecimal stored, String currencyCode) {
        if (stored == null || currencyCode == null) {
            return stored;
        }
        return stored.setScale(Currency.getInstance(currencyCode).getDefaultFractionDigits(),
                java.math.RoundingMode.UNNECESSARY);
    }
}
