package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** Races decided by the database: one active payment per PoS, and capture against cancel. */
class ConcurrencyIntegrationTests extends MobilePayIntegrationTest {

    @RepeatedTest(3)
    void shouldLetExactlyOneOfConcurrentCaptureAndCancelWin() throws Exception {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().reservedPayment(pm, "o-race", "50");

        List<HttpResponse<String>> answers = race(
                () -> api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId)),
                () -> api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", paymentId)));

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        String winner = answers.get(statuses.indexOf(200)).uri().getPath().endsWith("capture") ? "Captured"
                : "CancelledByClient";
        assertThat(api().status(m, paymentId)).isEqualTo(winner);
    }

    @Test
    void shouldStartExactlyOnePaymentWhenManyStartAtOnce() throws Exception {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        List<Callable<HttpResponse<String>>> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String orderId = "o-" + i;
            starts.add(() -> api().get(m, "/api/pos/payment/start", Map.of("orderId", orderId, "amount", "10",
                    "terminalId", m.terminalId(), "currencyCode", "DKK")));
        }

        List<HttpResponse<String>> answers = race(starts.toArray(Callable[]::new));

        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409)).hasSize(5);
        assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE pos_id = :p").param("p", pm.posId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNeverRefundMoreThanCapturedWhenRefundsRace() throws Exception {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().reservedPayment(pm, "o-refunds", "100");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId)));
        List<Callable<HttpResponse<String>>> refunds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String refundOrderId = "r-" + i;
            refunds.add(() -> api().get(m, "/api/pos/refund/create", Map.of("amount", "40", "currencyCode", "DKK",
                    "paymentId", paymentId, "refundOrderId", refundOrderId)));
        }

        List<HttpResponse<String>> answers = race(refunds.toArray(Callable[]::new));

        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(2);
        assertThat(answers.stream().filter(r -> r.statusCode() == 422)).hasSize(2);
        assertThat(jdbc.sql("SELECT sum(amount) FROM refund WHERE payment_id = :p").param("p", paymentId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("80");
    }

    @SafeVarargs
    private static List<HttpResponse<String>> race(Callable<HttpResponse<String>>... calls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.length)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }
}
