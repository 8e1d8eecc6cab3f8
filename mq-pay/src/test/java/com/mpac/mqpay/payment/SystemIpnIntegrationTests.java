package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class SystemIpnIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldSettleAndAnswerTheChange() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutCash(merchant, MqPayApi.newSource(), 85000);

        JsonNode confirmed = api().payCash(merchant, checkout.at("/attempt/id").stringValue(), 100000);

        assertThat(confirmed.at("/transaction/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(confirmed.at("/transaction/paid").stringValue()).isEqualTo("85000.0000");
        assertThat(confirmed.at("/attempt/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(confirmed.at("/attempt/tendered").stringValue()).isEqualTo("100000.0000");
        assertThat(confirmed.at("/change").stringValue()).isEqualTo("15000.0000");
        JsonNode result = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                "{\"where\":{\"attemptId\":\"" + checkout.at("/attempt/id").stringValue() + "\"}}"))).get(0);
        assertThat(result.at("/kind").stringValue()).isEqualTo("SYSTEM_IPN");
        assertThat(result.at("/outcome").stringValue()).isEqualTo("APPLIED");
        assertThat(result.at("/amount").stringValue()).isEqualTo("85000.0000");
    }

    @Test
    void shouldApplyLessThanTheAmountAsAPartialPayment() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutCash(merchant, MqPayApi.newSource(), 100000);

        JsonNode confirmed = api().payCash(merchant, checkout.at("/attempt/id").stringValue(), 40000);

        assertThat(confirmed.at("/transaction/status").stringValue()).isEqualTo("300_PARTIAL");
        assertThat(confirmed.at("/transaction/paid").stringValue()).isEqualTo("40000.0000");
        assertThat(confirmed.at("/change").stringValue()).isEqualTo("0.0000");
    }

    @Test
    void shouldRefuseASecondConfirmationAndChangeNothing() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutCash(merchant, MqPayApi.newSource(), 50000);
        String attempt = checkout.at("/attempt/id").stringValue();
        api().payCash(merchant, attempt, 50000);

        HttpResponse<String> again = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + attempt + "\"},\"tendered\":50000}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api().json(again).at("/error/code").stringValue()).isEqualTo("INVALID_ATTEMPT_STATUS");
        assertThat(paid(checkout.at("/transaction/id").stringValue())).isEqualTo("50000");
    }

    @Test
    void shouldConfirmOnlyOnceWhenConfirmationsRace() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutCash(merchant, MqPayApi.newSource(), 50000);
        String body = "{\"attempt\":{\"id\":\"" + checkout.at("/attempt/id").stringValue() + "\"},\"tendered\":50000}";

        List<java.util.concurrent.Callable<Integer>> calls = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> (java.util.concurrent.Callable<Integer>) () -> api()
                        .post(merchant, "/payments/system/ipn", body).statusCode())
                .toList();
        List<Integer> statuses = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(5)) {
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).containsOnlyOnce(200).contains(409);
        assertThat(paid(checkout.at("/transaction/id").stringValue())).isEqualTo("50000");
    }

    @Test
    void shouldRefuseQrAttemptsUnknownIdsAndBadTenders() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 50000);
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 50000);
        String cashAttempt = cash.at("/attempt/id").stringValue();

        HttpResponse<String> qrAttempt = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + qr.at("/attempt/id").stringValue() + "\"},\"tendered\":50000}");
        HttpResponse<String> unknown = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + UUID.randomUUID() + "\"},\"tendered\":50000}");
        HttpResponse<String> othersAttempt = api().post(other, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + cashAttempt + "\"},\"tendered\":50000}");
        HttpResponse<String> negative = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"" + cashAttempt + "\"},\"tendered\":-1}");
        HttpResponse<String> notAnId = api().post(merchant, "/payments/system/ipn",
                "{\"attempt\":{\"id\":\"att-uuid-001\"},\"tendered\":1}");

        assertThat(qrAttempt.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api().json(unknown).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(othersAttempt.statusCode()).isEqualTo(404);
        assertThat(api().json(othersAttempt).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(api().json(notAnId).at("/error/message").stringValue()).contains("attempt.id");
        assertThat(paid(cash.at("/transaction/id").stringValue())).isEqualTo("0");
    }

    private String paid(String transactionId) {
        return jdbc.sql("SELECT paid::text FROM payment_transaction WHERE id = :id::uuid").param("id", transactionId)
                .query(String.class).single();
    }
}
