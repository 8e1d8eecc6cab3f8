package com.mpac.mobilepay.payment;

import static com.mpac.mobilepay.payment.PaymentState.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentStateTests {

    @Test
    void shouldHaveTheDocumentsElevenStates() {
        assertThat(PaymentState.values()).hasSize(11);
    }

    @Test
    void shouldFollowTheDirectFlow() {
        assertThat(Initiated.canMoveTo(Paired)).isTrue();
        assertThat(Paired.canMoveTo(IssuedToUser)).isTrue();
        assertThat(IssuedToUser.canMoveTo(Reserved)).isTrue();
        assertThat(Reserved.canMoveTo(Captured)).isTrue();
        assertThat(Initiated.canMoveTo(Reserved)).isFalse();
        assertThat(Paired.canMoveTo(Captured)).isFalse();
    }

    @Test
    void shouldLetAPreparedPaymentBeReadiedOrPaired() {
        assertThat(Prepared.next()).contains(Initiated, Paired, CancelledByClient, ExpiredAndCancelled);
        assertThat(Prepared.canMoveTo(IssuedToUser)).isFalse();
    }

    @Test
    void shouldCaptureOnlyFromReserved() {
        assertThat(PaymentState.sourcesOf(Captured)).containsExactly("Reserved");
    }

    @Test
    void shouldCancelByClientFromEveryActiveStateButNeverAfterCapture() {
        assertThat(PaymentState.sourcesOf(CancelledByClient))
                .containsExactlyInAnyOrder("Prepared", "Initiated", "Paired", "IssuedToUser", "Reserved");
        assertThat(Captured.next()).isEmpty();
    }

    @Test
    void shouldLetTheShopperAndMobilePayEndAPaymentOnlyWhereTheyCan() {
        assertThat(PaymentState.sourcesOf(CancelledByUser)).containsExactlyInAnyOrder("Paired", "IssuedToUser");
        assertThat(PaymentState.sourcesOf(RejectedByMobilePayDueToAgeRestrictions)).containsExactly("IssuedToUser");
        assertThat(PaymentState.sourcesOf(ExpiredAndCancelled))
                .containsExactlyInAnyOrder("Prepared", "Initiated", "Paired", "IssuedToUser");
        assertThat(PaymentState.sourcesOf(CancelledByMobilePay)).hasSize(5);
    }

    @Test
    void shouldMakeEveryEndStateFinal() {
        for (PaymentState end : new PaymentState[] { Captured, CancelledByUser, CancelledByClient,
                CancelledByMobilePay, ExpiredAndCancelled, RejectedByMobilePayDueToAgeRestrictions }) {
            assertThat(end.next()).as(end.name()).isEmpty();
            assertThat(PaymentState.ACTIVE).doesNotContain(end);
        }
    }
}
