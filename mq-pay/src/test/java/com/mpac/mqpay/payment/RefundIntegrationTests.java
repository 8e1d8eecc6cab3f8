package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class RefundIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldRefundInPartsUpToWhatWasCollected() {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 100000);
        String attemptId = cash.at("/attempt/id").stringValue();
        api().payCash(merchant, attemptId, 100000);

        JsonNode first = api().ok(api().refund(merchant, attemptId, 30000));
        HttpResponse<String> tooMuch = api().refund(merchant, attemptId, 70001);
        JsonNode rest = api().ok(api().refund(merchant, attemptId, 70000));
        HttpResponse<String> nothingLeft = api().refund(merchant, attemptId, 1);

        assertThat(first.at("/refundAttempt/type").stringValue()).isEqualTo("300_REFUND_PAYMENT");
        assertThat(first.at("/refundAttempt/parentId").stringValue()).isEqualTo(attemptId);
        assertThat(first.at("/refundAttempt/amount").stringValue()).isEqualTo("30000.0000");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).at("/error/code").stringValue()).isEqualTo("REFUND_EXCEEDS_REMAINING");
        assertThat(api().json(tooMuch).at("/error/message").stringValue()).contains("70000.0000");
        assertThat(rest.at("/refundAttempt/amount").stringValue()).isEqualTo("70000.0000");
        assertThat(api().json(nothingLeft).at("/error/code").stringValue()).isEqualTo("REFUND_EXCEEDS_REMAINING");
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + cash.at("/transaction/id").stringValue()));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("404_CLOSED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("100000.0000");
        assertThat(transaction.at("/refunded").stringValue()).isEqualTo("100000.0000");
    }

    @Test
    void shouldRefundOnlySuccessfulPaymentAttempts() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 100000);
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 5000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 5000);
        String refundId = api().ok(api().refund(merchant, cash.at("/attempt/id").stringValue(), 1000))
                .at("/refundAttempt/id").stringValue();

        HttpResponse<String> unpaid = api().refund(merchant, qr.at("/attempt/id").stringValue(), 1000);
        HttpResponse<String> refundOfRefund = api().refund(merchant, refundId, 1);

        assertThat(unpaid.statusCode()).isEqualTo(409);
        assertThat(api().json(unpaid).at("/error/code").stringValue()).isEqualTo("ATTEMPT_NOT_SUCCESS");
        assertThat(refundOfRefund.statusCode()).isEqualTo(409);
        assertThat(api().json(refundOfRefund).at("/error/code").stringValue()).isEqualTo("ATTEMPT_NOT_SUCCESS");
    }

    @Test
    void shouldRefuseBadAmountsAndOtherMerchantsAttempts() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 5000);
        String attemptId = cash.at("/attempt/id").stringValue();
        api().payCash(merchant, attemptId, 5000);

        HttpResponse<String> byOther = api().refund(other, attemptId, 1000);
        for (String amount : new String[] { "0", "-5", "10.5", "\"much\"", "1e30" }) {
            HttpResponse<String> response = api().post(merchant, "/payments/refund",
                    "{\"attemptId\":\"" + attemptId + "\",\"amount\":" + amount + "}");
            assertThat(response.statusCode()).as(amount).isEqualTo(400);
            assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("VALIDATION_ERROR");
        }

        assertThat(byOther.statusCode()).isEqualTo(404);
        assertThat(api().json(byOther).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(jdbc.sql("SELECT refunded::text FROM payment_transaction WHERE id = :id::uuid")
                .param("id", cash.at("/transaction/id").stringValue()).query(String.class).single()).isEqualTo("0");
    }

    @Test
    void shouldNeverRefundMoreThanCollectedWhenRefundsRace() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 100000);
        String attemptId = cash.at("/attempt/id").stringValue();
        api().payCash(merchant, attemptId, 100000);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);

        List<Callable<Integer>> refunds = IntStream.range(0, threads).mapToObj(i -> (Callable<Integer>) () -> {
            start.await();
            return api().refund(merchant, attemptId, 30000).statusCode();
        }).toList();
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = refunds.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                statuses.add(future.get());
            }
        }

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(3);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(threads - 3);
        assertThat(jdbc.sql("""
                SELECT sum(amount)::text FROM payment_attempt WHERE parent_id = :id::uuid AND type = '300_REFUND_PAYMENT'
                """).param("id", attemptId).query(String.class).single()).isEqualTo("90000");
        assertThat(jdbc.sql("SELECT refunded::text FROM payment_transaction WHERE id = :id::uuid")
                .param("id", cash.at("/transaction/id").stringValue()).query(String.class).single())
                .isEqualTo("90000");
    }
}
