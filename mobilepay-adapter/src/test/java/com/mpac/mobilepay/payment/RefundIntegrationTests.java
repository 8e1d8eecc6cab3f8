package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

class RefundIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldRefundPartOfACapturedPaymentThenCaptureCancelAndListRefunds() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = capturedPayment(pm, "100.00", "80.00");

        JsonNode refund = api().ok(api().get(m, "/api/pos/refund/create", Map.of("amount", "30.00",
                "currencyCode", "DKK", "paymentId", paymentId, "refundOrderId", "r-1")));
        String refundId = refund.get("refundId").asString();
        assertThat(refund.get("status").asString()).isEqualTo("Initiated");
        assertThat(refund.get("amount").toString()).isEqualTo("30.00");
        assertThat(refund.get("paymentId").asString()).isEqualTo(paymentId);

        JsonNode captured = api().ok(api().get(m, "/api/pos/refund/capture", Map.of("refundId", refundId)));
        assertThat(captured.get("status").asString()).isEqualTo("Captured");
        assertThat(captured.get("capturedAt").isNull()).isFalse();
        JsonNode details = api().ok(api().get(m, "/api/pos/refund/details", Map.of("refundId", refundId)));
        assertThat(details.get("refundOrderId").asString()).isEqualTo("r-1");
        assertThat(api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)))
                .get("refundedAmount").toString()).isEqualTo("30.00");

        String second = api().ok(api().post(m, "/api/pos/refund/create", Map.of("amount", 50, "currencyCode", "DKK",
                "paymentId", paymentId, "refundOrderId", "r-2"))).get("refundId").asString();
        JsonNode cancelled = api().ok(api().get(m, "/api/pos/refund/cancel", Map.of("refundId", second)));
        assertThat(cancelled.get("status").asString()).isEqualTo("Cancelled");
        HttpResponse<String> captureCancelled = api().get(m, "/api/pos/refund/capture", Map.of("refundId", second));
        assertThat(captureCancelled.statusCode()).isEqualTo(409);
        assertThat(api().json(captureCancelled).get("code").asString()).isEqualTo("InvalidRefundState");

        JsonNode list = api().ok(api().get(m, "/api/pos/refunds", Map.of("paymentId", paymentId)));
        assertThat(list.get("refundIds").values()).extracting(JsonNode::asString).containsExactly(refundId, second);
    }

    @Test
    void shouldNeverRefundMoreThanCapturedMinusRefundsMade() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = capturedPayment(pm, "100.00", "60.00");
        api().ok(api().get(m, "/api/pos/refund/create", Map.of("amount", "40", "currencyCode", "DKK",
                "paymentId", paymentId, "refundOrderId", "r-1")));

        HttpResponse<String> over = api().get(m, "/api/pos/refund/create", Map.of("amount", "20.01",
                "currencyCode", "DKK", "paymentId", paymentId, "refundOrderId", "r-2"));

        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(api().json(over).get("code").asString()).isEqualTo("RefundExceedsRemaining");
        assertThat(api().json(over).get("message").asString()).contains("20.00 DKK");
        api().ok(api().get(m, "/api/pos/refund/create", Map.of("amount", "20.00", "currencyCode", "DKK",
                "paymentId", paymentId, "refundOrderId", "r-3")));
        assertThat(refundCount(paymentId)).isEqualTo(2);
    }

    @Test
    void shouldRefuseRefundsOfUncapturedPaymentsAndBadInput() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String reserved = api().reservedPayment(pm, "o-res", "10");

        HttpResponse<String> notCaptured = api().get(m, "/api/pos/refund/create", Map.of("amount", "1",
                "currencyCode", "DKK", "paymentId", reserved, "refundOrderId", "r"));
        HttpResponse<String> negative = api().get(m, "/api/pos/refund/create", Map.of("amount", "-1",
                "currencyCode", "DKK", "paymentId", reserved, "refundOrderId", "r"));
        // The state is checked first: a Reserved payment is refused whatever the currency.
        HttpResponse<String> currency = api().get(m, "/api/pos/refund/create", Map.of("amount", "1",
                "currencyCode", "EUR", "paymentId", reserved, "refundOrderId", "r"));

        assertThat(notCaptured.statusCode()).isEqualTo(409);
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(api().json(negative).get("code").asString()).isEqualTo("InvalidParameter");
        assertThat(currency.statusCode()).isEqualTo(409);
        assertThat(api().json(currency).get("code").asString()).isEqualTo("InvalidPaymentState");
        assertThat(refundCount(reserved)).isZero();
    }

    @Test
    void shouldRefuseARefundInAnotherCurrencyThanTheCapturedPayments() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = capturedPayment(pm, "10", "8");

        HttpResponse<String> byGet = api().get(m, "/api/pos/refund/create", Map.of("amount", "1",
                "currencyCode", "EUR", "paymentId", paymentId, "refundOrderId", "r-eur"));
        HttpResponse<String> byPost = api().post(m, "/api/pos/refund/create", Map.of("amount", 1,
                "currencyCode", "SEK", "paymentId", paymentId, "refundOrderId", "r-sek"));

        for (HttpResponse<String> response : java.util.List.of(byGet, byPost)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(api().json(response).get("code").asString()).isEqualTo("InvalidParameter");
            assertThat(api().json(response).get("message").asString())
                    .isEqualTo("currencyCode must be the payment's currency, DKK.");
        }
        assertThat(refundCount(paymentId)).isZero();
        JsonNode details = api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)));
        assertThat(details.get("status").asString()).isEqualTo("Captured");
        assertThat(details.get("refundedAmount").toString()).isEqualTo("0.00");
        // In its own currency the same refund goes through.
        api().ok(api().get(m, "/api/pos/refund/create", Map.of("amount", "1", "currencyCode", "DKK",
                "paymentId", paymentId, "refundOrderId", "r-dkk")));
        assertThat(refundCount(paymentId)).isEqualTo(1);
    }

    @Test
    void shouldNotShowAnotherMerchantsRefunds() {
        PosMerchant pm = api().onboardWithPos();
        String paymentId = capturedPayment(pm, "10", "10");
        String refundId = api().ok(api().get(pm.merchant(), "/api/pos/refund/create", Map.of("amount", "1",
                "currencyCode", "DKK", "paymentId", paymentId, "refundOrderId", "r"))).get("refundId").asString();
        Merchant other = api().onboard();

        for (String path : new String[] { "/api/pos/refund/details", "/api/pos/refund/capture",
                "/api/pos/refund/cancel" }) {
            HttpResponse<String> response = api().get(other, path, Map.of("refundId", refundId));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(api().json(response).get("code").asString()).isEqualTo("RefundNotFound");
        }
        HttpResponse<String> create = api().get(other, "/api/pos/refund/create", Map.of("amount", "1",
                "currencyCode", "DKK", "paymentId", paymentId, "refundOrderId", "r"));
        assertThat(create.statusCode()).isEqualTo(404);
        assertThat(refundCount(paymentId)).isEqualTo(1);
    }

    private String capturedPayment(PosMerchant pm, String reserve, String capture) {
        String paymentId = api().reservedPayment(pm, "o-" + System.nanoTime(), reserve);
        api().ok(api().get(pm.merchant(), "/api/pos/payment/capture",
                Map.of("paymentId", paymentId, "amount", capture)));
        return paymentId;
    }

    private int refundCount(String paymentId) {
        return jdbc.sql("SELECT count(*) FROM refund WHERE payment_id = :p").param("p", paymentId)
                .query(Integer.class).single();
    }
}
