package com.mpac.payreq.paymentrequest;

import java.math.BigDecimal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Money as the seed writes it: {@code "amount": 10}, not {@code 10.00}, so trailing zeros go ({@code 10.50} is
 * {@code 10.5}); the value is unchanged and never in exponent notation.
 */
final class WireMoney extends StdSerializer<BigDecimal> {

    WireMoney() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
        generator.writeNumber(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
    }
}
