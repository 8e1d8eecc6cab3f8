package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.provider.EnumSource;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Every state reached through the API, then every move tried from it: what {@link PaymentState} allows happens,
 * everything else is refused with 409 and leaves the payment as it was.
 */
class StateMachineIntegrationTests extends MobilePayIntegrationTest {

    @Autowired
    PaymentService payments;

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

    /**
     * payment/ready on a payment of the prepared flow in each state: only a Prepared or Paired one still without its
     * amount is readied; one that has its amount is refused as not prepared, one that ended as being in a wrong state.
     */
    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldReadyAPreparedFlowPaymentOnlyWhileItWaitsForItsAmount(PaymentState state) {
        Reached reached = reachPrepared(state);
        JsonNode before = details(reached);

        HttpResponse<String> ready = ready(reached);

        switch (state) {
            case Prepared, Paired -> {
                assertThat(ready.statusCode()).as(state.name()).isEqualTo(200);
                assertThat(status(reached)).isEqualTo(state == PaymentState.Prepared ? PaymentState.Initiated
                        : PaymentState.Paired);
                assertThat(details(reached).get("amount").toString()).isEqualTo("42.00");
                assertThat(details(reached).get("currencyCode").asString()).isEqualTo("DKK");
            }
            case Initiated, IssuedToUser, Reserved, Captured, RejectedByMobilePayDueToAgeRestrictions ->
                assertRefused(reached, ready, "PaymentNotPrepared", before);
            case CancelledByClient, CancelledByUser, CancelledByMobilePay, ExpiredAndCancelled ->
                assertRefused(reached, ready, "InvalidPaymentState", before);
        }
    }

    /** payment/ready on a payment of the direct flow is refused in every state: it was never prepared. */
    @ParameterizedTest
    @EnumSource(value = PaymentState.class, names = "Prepared", mode = EnumSource.Mode.EXCLUDE)
    void shouldNeverReadyADirectFlowPayment(PaymentState state) {
        Reached reached = reach(state);
        JsonNode before = details(reached);

        assertRefused(reached, ready(reached), "PaymentNotPrepared", before);
    }

    /** A shopper checking in pairs the PoS's payment only while it is Prepared or Initiated. */
    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldPairOnCheckInOnlyAPreparedOrInitiatedPayment(PaymentState state) {
        Reached reached = reach(state);
        String customerBefore = text(details(reached).get("customerId"));

        HttpResponse<String> checkIn = api().sandbox("/pos/" + reached.pm().posId() + "/checkin",
                "{\"customerId\":\"cus_late\"}");

        assertThat(checkIn.statusCode()).as(state.name()).isEqualTo(200);
        JsonNode after = details(reached);
        if (state == PaymentState.Prepared || state == PaymentState.Initiated) {
            assertThat(status(reached)).isEqualTo(PaymentState.Paired);
            assertThat(after.get("customerId").asString()).isEqualTo("cus_late");
        }
        else {
            assertThat(status(reached)).as(state.name()).isEqualTo(state);
            assertThat(text(after.get("customerId"))).as(state.name()).isEqualTo(customerBefore);
        }
    }

    /** Past its expiry time a payment still waiting for the shopper expires; a Reserved or ended one never does. */
    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void shouldExpireOnlyAnUnansweredPayment(PaymentState state) {
        Reached reached = reach(state);

        jdbc.sql("UPDATE payment SET expires_at = now() - interval '1 second' WHERE payment_id = :id")
                .param("id", reached.paymentId()).update();
        payments.expireDue(PaymentExpiryJob.BATCH);

        if (PaymentState.UNANSWERED.contains(state)) {
            assertThat(status(reached)).as(state.name()).isEqualTo(PaymentState.ExpiredAndCancelled);
            assertThat(details(reached).get("cancelledAt").isNull()).isFalse();
        }
        else {
            assertThat(status(reached)).as(state.name()).isEqualTo(state);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private HttpResponse<String> ready(Reached reached) {
        Merchant m = reached.pm().merchant();
        return api().get(m, "/api/pos/payment/ready", Map.of("orderId", "o", "amount", "42",
                "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", reached.paymentId()));
    }

    private void assertRefused(Reached reached, HttpResponse<String> response, String code, JsonNode before) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(api().json(response).get("code").asString()).isEqualTo(code);
        JsonNode after = details(reached);
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("amount")).isEqualTo(before.get("amount"));
        assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));
    }

    private JsonNode details(Reached reached) {
        return api().ok(api().get(reached.pm().merchant(), "/api/pos/payment/details",
                Map.of("paymentId", reached.paymentId())));
    }

    /** A new payment of the prepared flow driven into {@code state}. */
    private Reached reachPrepared(PaymentState state) {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String pos = "/pos/" + pm.posId();
        String id = api().ok(api().get(m, "/api/pos/payment/prepare",
                Map.of("orderId", "o", "terminalId", m.terminalId()))).get("paymentId").asString();
        Reached reached = new Reached(pm, id, true);
        Runnable readied = () -> api().ok(ready(reached));
        switch (state) {
            case Prepared -> {
            }
            case Initiated -> readied.run();
            case Paired -> api().ok(api().sandbox(pos + "/checkin"));
            case IssuedToUser, Reserved, Captured, RejectedByMobilePayDueToAgeRestrictions -> {
                api().ok(api().sandbox(pos + "/checkin"));
                readied.run();
                api().ok(api().sandbox(pos + "/payment/issue"));
                switch (state) {
                    case Reserved -> api().ok(api().sandbox(pos + "/payment/approve"));
                    case Captured -> {
                        api().ok(api().sandbox(pos + "/payment/approve"));
                        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", id)));
                    }
                    case RejectedByMobilePayDueToAgeRestrictions ->
                        api().ok(api().sandbox(pos + "/payment/reject-age-restricted"));
                    default -> {
                    }
                }
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
                payments.expireDue(PaymentExpiryJob.BATCH);
            }
        }
        assertThat(api().status(m, id)).isEqualTo(state.name());
        return reached;
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
