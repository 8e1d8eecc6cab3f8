package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;

class StatusMachineTests {

    @Test
    void shouldFollowThePaidAmountWhileOpen() {
        BigDecimal total = new BigDecimal("100000");

        assertThat(TransactionStatus.NEW.afterPayment(new BigDecimal("40000"), total))
                .isEqualTo(TransactionStatus.PARTIAL);
        assertThat(TransactionStatus.PARTIAL.afterPayment(total, total)).isEqualTo(TransactionStatus.SETTLED);
        assertThat(TransactionStatus.BLOCKED.afterPayment(total, total)).isEqualTo(TransactionStatus.BLOCKED);
        assertThat(TransactionStatus.SETTLED.afterRefund(total, total)).isEqualTo(TransactionStatus.CLOSED);
        assertThat(TransactionStatus.SETTLED.afterRefund(new BigDecimal("1"), total))
                .isEqualTo(TransactionStatus.SETTLED);
    }

    @Test
    void shouldBlockOnlyAnOpenTransactionOnUnexpectedMoney() {
        assertThat(TransactionStatus.NEW.afterUnexpectedPayment()).isEqualTo(TransactionStatus.BLOCKED);
        assertThat(TransactionStatus.PARTIAL.afterUnexpectedPayment()).isEqualTo(TransactionStatus.BLOCKED);
        for (TransactionStatus kept : new TransactionStatus[] { TransactionStatus.SETTLED, TransactionStatus.CLOSED,
                TransactionStatus.CANCELLED, TransactionStatus.BLOCKED }) {
            assertThat(kept.afterUnexpectedPayment()).isEqualTo(kept);
        }
    }

    @Test
    void shouldAllowOnlyTheTransitionsOfTheAttemptLifecycle() {
        assertThat(AttemptStatus.SENT.to(AttemptStatus.EXPIRED)).isEqualTo(AttemptStatus.EXPIRED);
        assertThat(AttemptStatus.NEW.to(AttemptStatus.SUCCESS)).isEqualTo(AttemptStatus.SUCCESS);
        for (AttemptStatus done : new AttemptStatus[] { AttemptStatus.SUCCESS, AttemptStatus.FAIL,
                AttemptStatus.EXPIRED, AttemptStatus.CANCELLED }) {
            assertThatThrownBy(() -> done.to(AttemptStatus.SUCCESS)).isInstanceOf(MqPayException.class)
                    .extracting(ex -> ((MqPayException) ex).code()).isEqualTo(ErrorCode.INVALID_ATTEMPT_STATUS);
        }
        assertThatThrownBy(() -> AttemptStatus.NEW.to(AttemptStatus.EXPIRED)).isInstanceOf(MqPayException.class);
    }
}
