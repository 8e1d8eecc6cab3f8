package com.mpac.smarttab.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

class CustomerIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldCreateAndFindCustomersByPrefixOfNamePhoneOrEmail() {
        Tenant tenant = newTenant();
        String ana = expect(post("/customers", "{\"name\":\"Ana Popescu\",\"phone\":\"+37369000111\","
                + "\"email\":\"Ana@Example.com\"}", tenant.device()), 201).path("id").asString();
        String andrei = expect(post("/customers", "{\"name\":\"Andrei Rusu\",\"phone\":\"+37369222333\"}",
                tenant.cashier()), 201).path("id").asString();
        expect(post("/customers", "{\"name\":\"Bogdan\",\"email\":\"b%d@example.com\"}", tenant.manager()), 201);

        assertThat(ids(get("/customers?q=an", tenant.device()))).containsExactly(andrei, ana);
        assertThat(ids(get("/customers?q=ANA", tenant.device()))).containsExactly(ana);
        assertThat(ids(get("/customers?q=%2B3736922", tenant.device()))).containsExactly(andrei);
        assertThat(ids(get("/customers?q=ana@", tenant.device()))).containsExactly(ana);
        assertThat(ids(get("/customers?q=popescu", tenant.device()))).isEmpty();
        assertThat(ids(get("/customers?q=%25", tenant.device()))).isEmpty();
        assertThat(ids(get("/customers?limit=2", tenant.device()))).hasSize(2);
        JsonNode page = expect(get("/customers?limit=2", tenant.device()), 200);
        assertThat(ids(get("/customers?limit=2&cursor=" + page.path("next_cursor").asString(), tenant.device())))
                .containsExactly(ana);
        JsonNode one = expect(get("/customers/" + ana, tenant.device()), 200);
        assertThat(one.path("email").asString()).isEqualTo("ana@example.com");
        // Customers belong to the merchant: another store's terminal sees them, another merchant does not.
        assertThat(get("/customers/" + ana, PORTAL.device("trm_2", tenant.merchantId(), "sto_2")).statusCode())
                .isEqualTo(200);
        assertThat(get("/customers/" + ana, newTenant().device()).statusCode()).isEqualTo(404);
        assertThat(ids(get("/customers?q=ana", newTenant().device()))).isEmpty();
    }

    @Test
    void shouldRefuseBadCustomerInput() {
        Tenant tenant = newTenant();
        for (String body : new String[] { "{}", "{\"name\":\"\"}", "{\"name\":7}", "{\"name\":\"A\",\"email\":\"x\"}",
            "{\"name\":\"A\",\"phone\":\"call me\"}", "{\"name\":\"A\",\"vip\":true}", "{" }) {
            assertThat(post("/customers", body, tenant.device()).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(post("/customers", "{\"name\":\"A\"}", PORTAL.human("PLATFORM_ADMIN", null, null)).statusCode())
                .isEqualTo(403);
        assertThat(get("/customers/cus_nope", tenant.device()).statusCode()).isEqualTo(404);
        assertThat(get("/customers?limit=101", tenant.device()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowPurchaseHistoryWithTotals() {
        Tenant tenant = newTenant();
        String customer = expect(post("/customers", "{\"name\":\"Regular\"}", tenant.device()), 201).path("id")
                .asString();
        String paid = expect(post("/orders", "{\"currency\":\"JPY\",\"customer_id\":\"" + customer + "\","
                + "\"items\":[{\"name\":\"Tea\",\"quantity\":2,\"unit_price\":400}]}", tenant.device()), 201)
                .path("id").asString();
        String bill = billOf(tenant, paid);
        String payment = expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\","
                + "\"tendered\":1000}", tenant.device()), 201).path("id").asString();
        expect(post("/payments/" + payment + "/refund", "{\"amount\":300}", tenant.device()), 201);
        String open = expect(post("/orders", "{\"currency\":\"JPY\",\"customer_id\":\"" + customer + "\","
                + "\"items\":[{\"name\":\"Cake\",\"quantity\":1,\"unit_price\":650}]}", tenant.device()), 201)
                .path("id").asString();

        JsonNode history = expect(get("/customers/" + customer + "/orders", tenant.device()), 200);

        assertThat(history.path("order_count").asLong()).isEqualTo(2);
        // Net: 800 paid, 300 refunded.
        assertThat(history.path("total_paid").path("JPY").toString()).isEqualTo("500");
        assertThat(history.path("data").get(0).path("id").asString()).isEqualTo(open);
        assertThat(history.path("data").get(1).path("id").asString()).isEqualTo(paid);
        assertThat(history.path("data").get(1).path("bill_ids").get(0).asString()).isEqualTo(bill);
        assertThat(expect(get("/orders?customer_id=" + customer, tenant.device()), 200).path("data").size())
                .isEqualTo(2);
        assertThat(get("/customers/" + customer + "/orders", newTenant().device()).statusCode()).isEqualTo(404);
        assertThat(post("/orders", "{\"currency\":\"JPY\",\"customer_id\":\"cus_nope\","
                + "\"items\":[{\"name\":\"Cake\",\"quantity\":1,\"unit_price\":650}]}", tenant.device()).statusCode())
                .isEqualTo(404);
    }

    private static List<String> ids(java.net.http.HttpResponse<String> response) {
        List<String> ids = new ArrayList<>();
        expect(response, 200).path("data").forEach(node -> ids.add(node.path("id").asString()));
        return ids;
    }
}
