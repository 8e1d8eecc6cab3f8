package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/**
 * Every state reached through the API, then every move tried from it: what {@link PaymentState} allows happens,
 * everything else is refused with 409 and leaves the payment as it was.
 */
class StateMachineIntegrationTests extends MobilePayIntegrationTest {

    private static final Map<String, PaymentState> SANDBOX_MOVES = Map.of("payment/issue", PaymentState.IssuedToUser,
            "payment/approve", PaymentState.Reserved, "payment/reject", PaymentState.CancelledByUser,
            "payment/reject-age-restricted", PaymentState.RejectedByMobilePayDueToAgeRestrictions,
            "payment/cancel-by-mobilepay", PaymentState.CancelledByMobilePay);

    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldCaptureOnlyFromReserved(PaymentState state) {
        Reached reached = reach(state);

        HttpResponse<String> capture = api().get(reached.pm().merchant(), "/api/pos/payment/capture",
                Map.of("paymentId", reached.paymentId()));

        if (state == PaymentState.Reserved) {
            assertThat(capture.statusCode()).isEqualTo(200);
            assertThat(status(reached)).isEqualTo(PaymentState.Captured);
        }
        else {
            assertThat(capture.statusCode()).as(state.name()).isEqualTo(409);
            assertThat(status(reached)).isEqualTo(state);
        }
    }

    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldCancelByClientExactlyWhereAllowed(PaymentState state) {
        Reached reached = reach(state);

        HttpResponse<String> cancel = api().get(reached.pm().merchant(), "/api/pos/payment/cancel",
                Map.of("paymentId", reached.paymentId()));

        if (state.canMoveTo(PaymentState.CancelledByClient)) {
            assertThat(cancel.statusCode()).as(state.name()).isEqualTo(200);
            assertThat(status(reached)).isEqualTo(PaymentState.CancelledByClient);
        }
        else {
            assertThat(cancel.statusCode()).as(state.name()).isEqualTo(409);
            assertThat(status(reached)).isEqualTo(state);
        }
    }

    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldLetTheShopperAndMobilePayMoveOnlyWhereAllowed(PaymentState state) {
        for (Map.Entry<String, PaymentState> move : SANDBOX_MOVES.entrySet()) {
            Reached reached = reach(state);

            HttpResponse<String> response = api().sandbox("/pos/" + reached.pm().posId() + "/" + move.getKey());

            boolean allowed = state.canMoveTo(move.getValue())
                    // A prepared payment without its amount cannot reach the shopper's phone.
                    && !(move.getValue() == PaymentState.IssuedToUser && reached.withoutAmount());
            String what = state + " -> " + move.getValue();
            if (allowed) {
                assertThat(response.statusCode()).as(what).isEqualTo(200);
                assertThat(status(reached)).as(what).isEqualTo(move.getValue());
            }
            else {
                // No active payment at all (404) once the payment has ended; 409 while it is active.
                assertThat(response.statusCode()).as(what).isIn(404, 409);
                assertThat(status(reached)).as(what).isEqualTo(state);
            }
        }
    }

    private record Reached(PosMerchant pm, String paymentId, boolean withoutAmount) {
    }

    private PaymentState status(Reached reached) {
        return PaymentState.valueOf(api().status(reached.pm().merchant(), reached.paymentId()));
    }

    /** A new payment driven through the API (and the sandbox) into {@code state}. */
    private Reached reach(PaymentState state) {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String pos = "/pos/" + pm.posId();
        if (state == PaymentState.Prepared) {
            String id = api().ok(api().get(m, "/api/pos/payment/prepare",
                    Map.of("orderId", "o", "terminalId", m.terminalId()))).get("paymentId").asString();
            return new Reached(pm, id, true);
        }
        String id = api().start(m, "o", "10").get("paymentId").asString();
        switch (state) {
            case Initiated -> {
            }
            case Paired -> api().ok(api().sandbox(pos + "/checkin"));
            case IssuedToUser -> {
                api().ok(api().sandbox(pos + "/checkin"));
                api().ok(api().sandbox(pos + "/payment/issue"));
            }
            case Reserved -> api().shopperApproves(pm.posId());
            case Captured -> {
                api().shopperApproves(pm.posId());
                api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", id)));
            }
            case CancelledByClient -> api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", id)));
            case CancelledByUser -> {
                api().ok(api().sandbox(pos + "/checkin"));
                api().ok(api().sandbox(pos + "/payment/reject"));
            }
            case CancelledByMobilePay -> api().ok(api().sandbox(pos + "/payment/cancel-by-mobilepay"));
            case ExpiredAndCancelled -> {
                jdbc.sql("UPDATE payment SET expires_at = now() - interval '1 second' WHERE payment_id = :id")
                        .param("id", id).update();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
                        () -> api().status(m, id).equals("ExpiredAndCancelled"));
            }
            case RejectedByMobilePayDueToAgeRestrictions -> {
                api().ok(api().sandbox(pos + "/checkin"));
                api().ok(api().sandbox(pos + "/payment/issue"));
                api().ok(api().sandbox(pos + "/payment/reject-age-restricted"));
            }
            default -> throw new IllegalStateException(state.name());
        }
        assertThat(api().status(m, id)).isEqualTo(state.name());
        return new Reached(pm, id, false);
    }
}
