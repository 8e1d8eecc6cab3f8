package com.mpac.smarttab.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

/** An order's state under payments and cancels that run at once. */
class OrderConcurrencyIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldEndPaidWhenTheLastTwoPartsOfASplitArePaidAtOnce() throws Exception {
        Tenant tenant = newTenant();
        for (int round = 0; round < 15; round++) {
            String order = jpyOrder(tenant);
            JsonNode split = expect(post("/bills/" + billOf(tenant, order) + "/split",
                    "{\"mode\":\"equal\",\"parts\":2}", tenant.device()), 201);
            List<Callable<HttpResponse<String>>> payments = new ArrayList<>();
            split.path("parts").forEach(part -> payments.add(() -> post("/payments", "{\"bill_id\":\""
                    + part.path("id").asString() + "\",\"method\":\"cash\",\"tendered\":1500}", tenant.device())));

            List<HttpResponse<String>> paid = atOnce(payments);

            assertThat(paid).extracting(HttpResponse::statusCode).containsOnly(201);
            assertThat(expect(get("/orders/" + order, tenant.device()), 200).path("status").asString())
                    .as("round %d", round).isEqualTo("PAID");
        }
    }

    @Test
    void shouldNeverFailWhenAnOrderIsCancelledWhileItsBillIsPaidInCash() throws Exception {
        Tenant tenant = newTenant();
        for (int round = 0; round < 15; round++) {
            String order = jpyOrder(tenant);
            String bill = billOf(tenant, order);

            List<HttpResponse<String>> answers = atOnce(List.of(
                    () -> post("/orders/" + order + "/cancel", "{\"reason\":\"changed mind\"}", tenant.manager()),
                    () -> post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":3000}",
                            tenant.device())));

            int cancel = answers.get(0).statusCode();
            int pay = answers.get(1).statusCode();
            assertThat(List.of(cancel, pay)).as("round %d: %s", round, answers.stream().map(HttpResponse::body)
                    .toList()).isIn(List.of(200, 409), List.of(409, 201));
            String status = expect(get("/orders/" + order, tenant.device()), 200).path("status").asString();
            assertThat(status).isEqualTo(cancel == 200 ? "CANCELED" : "PAID");
        }
    }

    @Test
    void shouldRefuseToCancelAnOrderCombinedWithOthers() {
        Tenant tenant = newTenant();
        String first = jpyOrder(tenant);
        String second = jpyOrder(tenant);
        String combined = expect(post("/bills/combine", "{\"bill_ids\":[\"" + billOf(tenant, first) + "\",\""
                + billOf(tenant, second) + "\"]}", tenant.device()), 201).path("id").asString();

        HttpResponse<String> cancel = post("/orders/" + first + "/cancel", "{\"reason\":\"mistake\"}",
                tenant.manager());

        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(json(cancel).path("code").asString()).isEqualTo("order_in_combined_bill");
        assertThat(expect(get("/bills/" + combined, tenant.device()), 200).path("status").asString())
                .isEqualTo("OPEN");
        assertThat(expect(get("/orders/" + second, tenant.device()), 200).path("status").asString())
                .isEqualTo("BILLED");
        expect(post("/payments", "{\"bill_id\":\"" + combined + "\",\"method\":\"cash\",\"tendered\":6000}",
                tenant.device()), 201);
        assertThat(expect(get("/orders/" + first, tenant.device()), 200).path("status").asString())
                .isEqualTo("PAID");
    }

    private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
