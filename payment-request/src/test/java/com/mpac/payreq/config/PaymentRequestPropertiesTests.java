package com.mpac.payreq.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class PaymentRequestPropertiesTests {

    private static final PaymentRequestProperties.Attempts ATTEMPTS = new PaymentRequestProperties.Attempts(10, 30,
            Duration.ofMinutes(10));

    @Test
    void shouldRefuseACurrencyWithMoreDecimalsThanTheAmountColumnsHold() {
        for (String code : new String[] { "BHD", "KWD", "TND" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> properties(code))
                    .withMessage("mpac.payreq.currency " + code + " has 3 decimals; amounts are kept with at most 2.");
        }
    }

    @Test
    void shouldTakeCurrenciesWithTwoOrFewerDecimals() {
        assertThat(properties("USD").scale()).isEqualTo(2);
        assertThat(properties("JPY").scale()).isZero();
    }

    private static PaymentRequestProperties properties(String code) {
        return new PaymentRequestProperties("", Currency.getInstance(code), ATTEMPTS, true);
    }
}
