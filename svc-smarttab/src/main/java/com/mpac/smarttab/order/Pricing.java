package com.mpac.smarttab.order;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import com.mpac.smarttab.money.Money;

/**
 * Line and order totals, computed by the server only. Per line: gross = (unit price + modifiers) x quantity; tax is
 * rounded half-up to the currency's scale per line, either carved out of a tax-inclusive price
 * (gross x rate / (1 + rate)) or added to an exclusive one (gross x rate). The order's total is the sum of its line
 * totals, so the sum of the parts never differs from the whole by a rounding cent.
 */
final class Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pricing() {
    }

    record Line(BigDecimal tax, BigDecimal total) {
    }

    record Totals(BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total) {
    }

    static Line line(String currency, BigDecimal unitPrice, List<BigDecimal> modifierPrices, int quantity,
            BigDecimal taxRatePercent, boolean taxInclusive) {
        BigDecimal unit = modifierPrices.stream().reduce(unitPrice, BigDecimal::add);
        BigDecimal gross = unit.multiply(BigDecimal.valueOf(quantity));
        BigDecimal rate = taxRatePercent.divide(HUNDRED, MathContext.DECIMAL128);
        BigDecimal tax = taxInclusive
                ? Money.round(gross.multiply(rate).divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL128), currency)
                : Money.round(gross.multiply(rate), currency);
        BigDecimal total = taxInclusive ? Money.round(gross, currency) : Money.round(gross, currency).add(tax);
        return new Line(tax, total);
    }

    static Totals totals(String currency, List<Line> lines) {
        BigDecimal tax = lines.stream().map(Line::tax).reduce(Money.zero(currency), BigDecimal::add);
        BigDecimal total = lines.stream().map(Line::total).reduce(Money.zero(currency), BigDecimal::add);
        return new Totals(total.subtract(tax), tax, total);
    }
}
