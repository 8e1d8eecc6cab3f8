package com.mpac.smarttab.bill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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

class BillIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldBillAnOpenOrderWithAllItsItems() {
        Tenant tenant = newTenant();
        String order = jpyOrder(tenant);

        JsonNode bill = expect(post("/bills", "{\"order_id\":\"" + order + "\"}", tenant.cashier()), 201);

        assertThat(bill.path("status").asString()).isEqualTo("OPEN");
        assertThat(bill.path("total").toString()).isEqualTo("3000");
        assertThat(bill.path("amount_due").toString()).isEqualTo("3000");
        assertThat(bill.path("items").size()).isEqualTo(3);
        assertThat(bill.path("order_ids").get(0).asString()).isEqualTo(order);
        assertThat(bill.path("origin").asString()).isEqualTo("ORDER");
        assertThat(expect(get("/orders/" + order, tenant.device()), 200).path("status").asString())
                .isEqualTo("BILLED");
        // One bill per order.
        assertThat(post("/bills", "{\"order_id\":\"" + order + "\"}", tenant.device()).statusCode()).isEqualTo(409);
    }

    @Test
    void shouldRefuseBadInputAndOtherTenants() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        String order = jpyOrder(tenant);
        String bill = billOf(tenant, jpyOrder(tenant));

        assertThat(post("/bills", "{\"order_id\":5}", tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills", "{}", tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills", "{\"order_id\":\"" + order, tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills", "{\"order_id\":\"ord_nope\"}", tenant.device()).statusCode()).isEqualTo(404);
        assertThat(post("/bills", "{\"order_id\":\"" + order + "\"}", other.device()).statusCode()).isEqualTo(404);
        assertThat(get("/bills/" + bill, other.device()).statusCode()).isEqualTo(404);
        assertThat(get("/bills/" + bill, other.merchantAdmin()).statusCode()).isEqualTo(404);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":2}", other.device())
                .statusCode()).isEqualTo(404);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"thirds\"}", tenant.device()).statusCode())
                .isEqualTo(400);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"equal\"}", tenant.device()).statusCode())
                .isEqualTo(400);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":1}", tenant.device())
                .statusCode()).isEqualTo(400);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"amounts\",\"amounts\":[1000,1000]}",
                tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"amounts\",\"amounts\":[3001,-1]}",
                tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"amounts\",\"amounts\":[1500.5,1499.5]}",
                tenant.device()).statusCode()).isEqualTo(400);
        assertThat(post("/bills/combine", "{\"bill_ids\":[\"" + bill + "\"]}", tenant.device()).statusCode())
                .isEqualTo(400);
        assertThat(post("/bills/combine", "{\"bill_ids\":[\"" + bill + "\",\"bill_nope\"]}", tenant.device())
                .statusCode()).isEqualTo(404);
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("status").asString()).isEqualTo("OPEN");
        assertThat(post("/bills", "{\"order_id\":\"" + order + "\"}", PORTAL.human("PSP_ADMIN", null, null))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldSplitIntoEqualPartsGivingTheRemainderToTheFirst() {
        Tenant tenant = newTenant();
        String order = expect(post("/orders", """
                {"currency":"USD","items":[{"name":"Dinner","quantity":1,"unit_price":100.00}]}
                """, tenant.device()), 201).path("id").asString();
        String bill = billOf(tenant, order);

        JsonNode split = expect(post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":3}",
                tenant.device()), 201);

        List<String> totals = new ArrayList<>();
        split.path("parts").forEach(part -> totals.add(part.path("total").toString()));
        assertThat(totals).containsExactly("33.34", "33.33", "33.33");
        assertThat(split.path("source").path("status").asString()).isEqualTo("SPLIT");
        assertThat(split.path("source").path("derived_into").size()).isEqualTo(3);
        JsonNode part = expect(get("/bills/" + split.path("parts").get(0).path("id").asString(), tenant.device()),
                200);
        assertThat(part.path("derived_from").get(0).asString()).isEqualTo(bill);
        assertThat(part.path("split_mode").asString()).isEqualTo("EQUAL");
        assertThat(part.path("order_ids").get(0).asString()).isEqualTo(order);
        // A bill already split is not split again.
        assertThat(post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":2}", tenant.device())
                .statusCode()).isEqualTo(409);
    }

    @Test
    void shouldSplitByItemsAndByAmounts() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode items = expect(get("/bills/" + bill, tenant.device()), 200).path("items");
        String ramen = items.get(0).path("order_item_id").asString();

        JsonNode byItems = expect(post("/bills/" + bill + "/split", "{\"mode\":\"items\",\"items\":[[\"" + ramen
                + "\"]]}", tenant.device()), 201);
        String rest = byItems.path("parts").get(1).path("id").asString();
        JsonNode byAmounts = expect(post("/bills/" + rest + "/split", "{\"mode\":\"amounts\",\"amounts\":[250,750]}",
                tenant.device()), 201);

        assertThat(byItems.path("parts").get(0).path("total").toString()).isEqualTo("2000");
        assertThat(byItems.path("parts").get(0).path("items").size()).isEqualTo(1);
        assertThat(byItems.path("parts").get(1).path("total").toString()).isEqualTo("1000");
        assertThat(byItems.path("parts").get(1).path("items").size()).isEqualTo(2);
        assertThat(byAmounts.path("parts").get(0).path("total").toString()).isEqualTo("250");
        assertThat(byAmounts.path("parts").get(1).path("total").toString()).isEqualTo("750");
        // Shares of an amount split carry no items, so they cannot be split by item.
        String share = byAmounts.path("parts").get(0).path("id").asString();
        assertThat(post("/bills/" + share + "/split", "{\"mode\":\"items\",\"items\":[[\"" + ramen + "\"]]}",
                tenant.device()).statusCode()).isEqualTo(409);
        assertThat(post("/bills/" + byItems.path("parts").get(0).path("id").asString() + "/split",
                "{\"mode\":\"items\",\"items\":[[\"itm_nope\"]]}", tenant.device()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldCombineUnpaidBillsOfOneStoreAndCurrencyKeepingTheHistory() {
        Tenant tenant = newTenant();
        String first = billOf(tenant, jpyOrder(tenant));
        String second = billOf(tenant, jpyOrder(tenant));
        String usd = billOf(tenant, expect(post("/orders", """
                {"currency":"USD","items":[{"name":"Soda","quantity":1,"unit_price":2.50}]}
                """, tenant.device()), 201).path("id").asString());

        JsonNode combined = expect(post("/bills/combine", "{\"bill_ids\":[\"" + first + "\",\"" + second + "\"]}",
                tenant.device()), 201);

        assertThat(combined.path("total").toString()).isEqualTo("6000");
        assertThat(combined.path("order_ids").size()).isEqualTo(2);
        assertThat(combined.path("items").size()).isEqualTo(6);
        assertThat(combined.path("origin").asString()).isEqualTo("COMBINE");
        assertThat(combined.path("derived_from").size()).isEqualTo(2);
        JsonNode source = expect(get("/bills/" + first, tenant.device()), 200);
        assertThat(source.path("status").asString()).isEqualTo("COMBINED");
        assertThat(source.path("derived_into").get(0).asString()).isEqualTo(combined.path("id").asString());
        assertThat(post("/bills/combine", "{\"bill_ids\":[\"" + first + "\",\"" + usd + "\"]}", tenant.device())
                .statusCode()).isEqualTo(409);
        String third = billOf(tenant, jpyOrder(tenant));
        assertThat(post("/bills/combine", "{\"bill_ids\":[\"" + third + "\",\"" + usd + "\"]}", tenant.device())
                .statusCode()).isEqualTo(409);
        // A bill with money on it is neither split nor combined.
        expect(post("/payments", "{\"bill_id\":\"" + third + "\",\"method\":\"cash\",\"amount\":100,"
                + "\"tendered\":100}", tenant.device()), 201);
        String fourth = billOf(tenant, jpyOrder(tenant));
        assertThat(post("/bills/combine", "{\"bill_ids\":[\"" + third + "\",\"" + fourth + "\"]}", tenant.device())
                .statusCode()).isEqualTo(409);
        assertThat(post("/bills/" + third + "/split", "{\"mode\":\"equal\",\"parts\":2}", tenant.device())
                .statusCode()).isEqualTo(409);
    }

    @Test
    void shouldListBillsWithFilters() {
        Tenant tenant = newTenant();
        String order = jpyOrder(tenant);
        String bill = billOf(tenant, order);
        billOf(tenant, jpyOrder(tenant));

        assertThat(expect(get("/bills?order_id=" + order, tenant.device()), 200).path("data").get(0).path("id")
                .asString()).isEqualTo(bill);
        assertThat(expect(get("/bills", tenant.manager()), 200).path("data").size()).isEqualTo(2);
        assertThat(expect(get("/bills?status=PAID", tenant.device()), 200).path("data").size()).isZero();
        assertThat(expect(get("/bills", newTenant().device()), 200).path("data").size()).isZero();
        assertThat(get("/bills?status=LOST", tenant.device()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldLetOnlyOneOfConcurrentSplitsAndCombinesWin() throws Exception {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        String other = billOf(tenant, jpyOrder(tenant));
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int parts = 2 + i;
            calls.add(() -> post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":" + parts + "}",
                    tenant.device()));
            calls.add(() -> post("/bills/combine", "{\"bill_ids\":[\"" + bill + "\",\"" + other + "\"]}",
                    tenant.device()));
        }

        List<HttpResponse<String>> responses = atOnce(calls);

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        JsonNode source = expect(get("/bills/" + bill, tenant.device()), 200);
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode id : source.path("derived_into")) {
            sum = sum.add(decimal(expect(get("/bills/" + id.asString(), tenant.device()), 200).path("total")));
        }
        BigDecimal expected = source.path("status").asString().equals("SPLIT") ? decimal(source.path("total"))
                : decimal(source.path("total")).add(new BigDecimal(3000));
        assertThat(sum).isEqualByComparingTo(expected);
    }

    static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
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
