package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class CancelIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldCancelOneAttemptWithAChildRecordAndFreeItsAmount() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode qr = api().checkoutQr(merchant, order, 100000);
        String attemptId = qr.at("/attempt/id").stringValue();

        JsonNode cancelled = api().ok(api().post(merchant, "/payments/cancel",
                "{\"attemptId\":\"" + attemptId + "\",\"reason\":\"Customer changed payment method\"}"));

        assertThat(cancelled.at("/transaction/id").stringValue()).isEqualTo(qr.at("/transaction/id").stringValue());
        assertThat(cancelled.at("/transaction/status").stringValue()).isEqualTo("100_NEW");
        JsonNode child = cancelled.at("/cancelledAttempts/0");
        assertThat(child.at("/type").stringValue()).isEqualTo("200_CANCEL_PAYMENT");
        assertThat(child.at("/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(child.at("/parentId").stringValue()).isEqualTo(attemptId);
        assertThat(api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("505_CANCELLED");
        assertThat(api().ok(api().get(merchant, "/payment-attempts/" + child.at("/id").stringValue()))
                .at("/note").stringValue()).isEqualTo("Customer changed payment method");
        JsonNode cash = api().checkoutCash(merchant, order, 100000);
        assertThat(cash.at("/payment/amount").stringValue()).isEqualTo("100000.0000");
        assertThat(api().getPublic("/payments/qr/" + attemptId + ".png").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepAPartiallyPaidTransactionPartialWhenAnAttemptIsCancelled() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode cash = api().ok(api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 30000L)));
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 30000);
        JsonNode qr = api().checkoutQr(merchant, order, 100000);

        JsonNode cancelled = api().ok(api().post(merchant, "/payments/cancel",
                "{\"attemptId\":\"" + qr.at("/attempt/id").stringValue() + "\"}"));
        HttpResponse<String> wholeTransaction = api().post(merchant, "/payments/cancel",
                "{\"transactionId\":\"" + qr.at("/transaction/id").stringValue() + "\"}");

        assertThat(cancelled.at("/transaction/status").stringValue()).isEqualTo("300_PARTIAL");
        assertThat(wholeTransaction.statusCode()).isEqualTo(409);
        assertThat(api().json(wholeTransaction).at("/error/code").stringValue())
                .isEqualTo("INVALID_TRANSACTION_STATUS");
    }

    @Test
    void shouldCancelEveryOpenAttemptAndTheTransaction() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode cash = api().ok(api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 30000L)));
        JsonNode qr = api().checkoutQr(merchant, order, 100000);
        String transactionId = qr.at("/transaction/id").stringValue();

        JsonNode cancelled = api().ok(api().post(merchant, "/payments/cancel",
                "{\"transactionId\":\"" + transactionId + "\"}"));
        HttpResponse<String> newCheckout = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, null));
        HttpResponse<String> lateCash = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + cash.at("/attempt/id").stringValue() + "\"},\"tendered\":30000}");

        assertThat(cancelled.at("/transaction/status").stringValue()).isEqualTo("505_CANCELLED");
        assertThat(cancelled.at("/cancelledAttempts")).hasSize(2);
        assertThat(cancelled.at("/cancelledAttempts").findValuesAsString("parentId"))
                .containsExactlyInAnyOrder(cash.at("/attempt/id").stringValue(), qr.at("/attempt/id").stringValue());
        assertThat(newCheckout.statusCode()).isEqualTo(409);
        assertThat(api().json(newCheckout).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
        assertThat(lateCash.statusCode()).isEqualTo(409);
        assertThat(api().json(lateCash).at("/error/code").stringValue()).isEqualTo("INVALID_ATTEMPT_STATUS");
    }

    @Test
    void shouldRefuseToCancelASuccessfulAttempt() {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 10000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 10000);

        HttpResponse<String> response = api().post(merchant, "/payments/cancel",
                "{\"attemptId\":\"" + cash.at("/attempt/id").stringValue() + "\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("INVALID_ATTEMPT_STATUS");
        assertThat(api().json(response).at("/error/message").stringValue()).contains("refund");
    }

    @Test
    void shouldRefuseToCancelAnExpiredOrAFailedAttempt() {
        Merchant merchant = api().onboard();
        JsonNode expired = api().checkoutQr(merchant, MqPayApi.newSource(), 10000);
        JsonNode failed = api().checkoutQr(merchant, MqPayApi.newSource(), 10000);
        jdbc.sql("UPDATE payment_attempt SET expires_at = now() - interval '1 second' WHERE id = :id::uuid")
                .param("id", expired.at("/attempt/id").stringValue()).update();
        api().ok(api().postPublic("/sandbox/vnpay/pay", "{\"qrCode\":\"" + failed.at("/payment/qrCode").stringValue()
                + "\",\"outcome\":\"FAIL\"}"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(merchant, expired))
                .isEqualTo("501_EXPIRED"));
        assertThat(status(merchant, failed)).isEqualTo("500_FAIL");

        for (JsonNode attempt : List.of(expired, failed)) {
            HttpResponse<String> response = api().post(merchant, "/payments/cancel",
                    "{\"attemptId\":\"" + attempt.at("/attempt/id").stringValue() + "\",\"reason\":\"too late\"}");

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("INVALID_ATTEMPT_STATUS");
            assertThat(jdbc.sql("SELECT count(*) FROM payment_attempt WHERE parent_id = :id::uuid")
                    .param("id", attempt.at("/attempt/id").stringValue()).query(Long.class).single()).isZero();
        }
        assertThat(status(merchant, expired)).isEqualTo("501_EXPIRED");
        assertThat(status(merchant, failed)).isEqualTo("500_FAIL");
    }

    private String status(Merchant merchant, JsonNode checkout) {
        return api().ok(api().get(merchant, "/payment-attempts/" + checkout.at("/attempt/id").stringValue()))
                .at("/status").stringValue();
    }

    @Test
    void shouldRefuseBadRequestsAndOtherMerchantsIds() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 10000);
        String attemptId = qr.at("/attempt/id").stringValue();

        HttpResponse<String> both = api().post(merchant, "/payments/cancel", "{\"attemptId\":\"" + attemptId
                + "\",\"transactionId\":\"" + qr.at("/transaction/id").stringValue() + "\"}");
        HttpResponse<String> neither = api().post(merchant, "/payments/cancel", "{}");
        HttpResponse<String> othersAttempt = api().post(other, "/payments/cancel",
                "{\"attemptId\":\"" + attemptId + "\"}");
        HttpResponse<String> othersTransaction = api().post(other, "/payments/cancel",
                "{\"transactionId\":\"" + qr.at("/transaction/id").stringValue() + "\"}");
        HttpResponse<String> unknown = api().post(merchant, "/payments/cancel",
                "{\"attemptId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(api().json(othersAttempt).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(othersAttempt.statusCode()).isEqualTo(404);
        assertThat(api().json(othersTransaction).at("/error/code").stringValue()).isEqualTo("TRANSACTION_NOT_FOUND");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("204_SENT");
    }
}
