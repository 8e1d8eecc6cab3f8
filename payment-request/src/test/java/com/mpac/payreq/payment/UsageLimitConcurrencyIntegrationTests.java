package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** Shoppers in several browsers paying the same request at the same moment never exceed its usage limit. */
class UsageLimitConcurrencyIntegrationTests extends PaymentRequestIntegrationTest {

    @Test
    void shouldTakeARequestWithLimitOneOnlyOnceWhenEightBrowsersPayAtOnce() throws Exception {
        assertPaidExactly(1, 8);
    }

    @Test
    void shouldTakeExactlyTheLimitWhenMoreShoppersThanItPayAtOnce() throws Exception {
        assertPaidExactly(3, 10);
    }

    private void assertPaidExactly(int limit, int shoppers) throws Exception {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", limit)).get("paymentRequestID").asString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService browsers = Executors.newFixedThreadPool(shoppers)) {
            for (int i = 0; i < shoppers; i++) {
                answers.add(browsers.submit(() -> {
                    start.await();
                    return api().pay(id, PaymentRequestApi.card("4111111111111111", "1.00"));
                }));
            }
            start.countDown();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            statuses.add(answer.get().statusCode());
        }
        assertThat(statuses).filteredOn(s -> s == 303).hasSize(limit);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(shoppers - limit);
        var request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(request.get("currentUsageCount").asInt()).isEqualTo(limit);
        assertThat(request.get("status").asInt()).isEqualTo(4);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM payment_transaction
                WHERE payment_request_id = CAST(:id AS uuid) AND result = 'APPROVED'
                """).param("id", id).query(Long.class).single()).isEqualTo(limit);
    }
}
