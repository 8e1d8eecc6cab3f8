package com.mpac.smarttab.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

class SettlementIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldOpenOnePeriodAtATimePerTerminalAndStore() throws Exception {
        Tenant tenant = newTenant();
        List<Callable<HttpResponse<String>>> opens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opens.add(() -> post("/settlements", "{}", tenant.device()));
        }

        List<HttpResponse<String>> answers = com.mpac.smarttab.bill.BillIntegrationTestsAccess.atOnce(opens);

        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        JsonNode open = json(answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow());
        assertThat(open.path("scope").asString()).isEqualTo("terminal");
        assertThat(open.path("terminal_id").asString()).isEqualTo(tenant.terminalId());
        HttpResponse<String> again = post("/settlements", "{}", tenant.device());
        assertThat(json(again).path("code").asString()).isEqualTo("settlement_already_open");
        assertThat(json(again).path("open_settlement_id").asString()).isEqualTo(open.path("id").asString());
        // The store's own period is for managers only, and not while a terminal's period of the store is open.
        assertThat(post("/settlements", "{\"scope\":\"store\"}", tenant.device()).statusCode()).isEqualTo(403);
        assertThat(post("/settlements", "{\"scope\":\"store\"}", tenant.cashier()).statusCode()).isEqualTo(403);
        HttpResponse<String> overlap = post("/settlements", "{\"scope\":\"store\"}", tenant.manager());
        assertThat(overlap.statusCode()).isEqualTo(409);
        assertThat(json(overlap).path("code").asString()).isEqualTo("settlement_scope_overlap");
        assertThat(json(overlap).path("open_settlement_id").asString()).isEqualTo(open.path("id").asString());
        assertThat(post("/settlements", "{\"scope\":\"galaxy\"}", tenant.manager()).statusCode()).isEqualTo(400);
        assertThat(post("/settlements", "{\"scope\":\"terminal\"}", tenant.manager()).statusCode()).isEqualTo(400);
        assertThat(expect(get("/settlements?status=OPEN", tenant.manager()), 200).path("data").size()).isEqualTo(1);
        assertThat(expect(get("/settlements", newTenant().device()), 200).path("data").size()).isZero();
        assertThat(get("/settlements/" + open.path("id").asString(), newTenant().device()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldCloseWithTotalsPerMethodThatMatchTheGateway() {
        Tenant tenant = newTenant();
        String settlement = expect(post("/settlements", "{}", tenant.device()), 201).path("id").asString();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode parts = expect(post("/bills/" + bill + "/split", "{\"mode\":\"equal\",\"parts\":3}",
                tenant.device()), 201).path("parts");
        expect(post("/payments", "{\"bill_id\":\"" + parts.get(0).path("id").asString() + "\",\"method\":\"cash\","
                + "\"tip\":100,\"tendered\":2000}", tenant.device()), 201);
        String card = expect(post("/payments", "{\"bill_id\":\"" + parts.get(1).path("id").asString()
                + "\",\"method\":\"card\",\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}",
                tenant.device()), 201).path("id").asString();
        JsonNode qr = expect(post("/payments", "{\"bill_id\":\"" + parts.get(2).path("id").asString()
                + "\",\"method\":\"qr\",\"provider\":\"sandbox\",\"payment_method\":\"pm_qr\"}", tenant.device()), 201);
        GATEWAY.pay(qr.path("gateway_payment_intent_id").asString());
        assertThat(expect(get("/payments/" + qr.path("id").asString(), tenant.device()), 200).path("status")
                .asString()).isEqualTo("SUCCEEDED");
        expect(post("/payments/" + card + "/refund", "{\"amount\":400}", tenant.device()), 201);

        JsonNode closed = expect(post("/settlements/" + settlement + "/close", null, tenant.device()), 200);

        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.path("balanced").asBoolean()).as(closed.toString()).isTrue();
        assertThat(closed.path("discrepancies").size()).isZero();
        JsonNode totals = closed.path("totals");
        assertThat(totals.size()).isEqualTo(3);
        JsonNode cash = line(totals, "cash");
        assertThat(cash.path("payment_count").asInt()).isEqualTo(1);
        assertThat(cash.path("gross").toString()).isEqualTo("1000");
        assertThat(cash.path("tips").toString()).isEqualTo("100");
        assertThat(cash.path("net").toString()).isEqualTo("1100");
        JsonNode cardLine = line(totals, "card");
        assertThat(cardLine.path("provider").asString()).isEqualTo("sandbox");
        assertThat(cardLine.path("refund_count").asInt()).isEqualTo(1);
        assertThat(cardLine.path("refunds").toString()).isEqualTo("400");
        assertThat(cardLine.path("net").toString()).isEqualTo("600");
        assertThat(line(totals, "qr").path("net").toString()).isEqualTo("1000");
        JsonNode sandbox = closed.path("reconciliation").get(0);
        assertThat(sandbox.path("smarttab_captured").toString()).isEqualTo("2000");
        assertThat(sandbox.path("gateway_captured").toString()).isEqualTo("2000");
        assertThat(sandbox.path("gateway_refunded").toString()).isEqualTo("400");
        assertThat(sandbox.path("matches").asBoolean()).isTrue();
        assertThat(expect(get("/payments?settlement_id=" + settlement, tenant.device()), 200).path("data").size())
                .isEqualTo(3);
        // Frozen: a second close is refused, and the database refuses any change to the closed rows.
        assertThat(post("/settlements/" + settlement + "/close", null, tenant.device()).statusCode()).isEqualTo(409);
        assertThatThrownBy(() -> jdbc.sql("UPDATE settlement_line SET net = 0 WHERE settlement_id = :id")
                .param("id", settlement).update()).hasMessageContaining("is closed");
        assertThatThrownBy(() -> jdbc.sql("UPDATE settlement SET closed_by = 'x' WHERE id = :id")
                .param("id", settlement).update()).hasMessageContaining("is closed");
    }

    @Test
    void shouldRecordWhatOnlyTheGatewayHasAsADiscrepancy() {
        Tenant tenant = newTenant();
        String settlement = expect(post("/settlements", "{}", tenant.device()), 201).path("id").asString();
        String bill = billOf(tenant, jpyOrder(tenant));
        expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"card\",\"provider\":\"sandbox\","
                + "\"payment_method\":\"pm_card_visa\",\"amount\":1000}", tenant.device()), 201);
        String foreign = GATEWAY.captureForeign(tenant.merchantId(), tenant.storeId(), tenant.terminalId(), 777,
                "JPY");

        JsonNode closed = expect(post("/settlements/" + settlement + "/close", null, tenant.device()), 200);

        assertThat(closed.path("balanced").asBoolean()).isFalse();
        List<String> kinds = new ArrayList<>();
        closed.path("discrepancies").forEach(d -> kinds.add(d.path("kind").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("captured_mismatch", "missing_at_smarttab");
        JsonNode missing = closed.path("discrepancies").findValues("gateway_intent_id").stream()
                .filter(node -> node.asString().equals(foreign)).findFirst().orElseThrow();
        assertThat(missing.asString()).isEqualTo(foreign);
        assertThat(closed.path("reconciliation").get(0).path("gateway_captured").toString()).isEqualTo("1777");
    }

    @Test
    void shouldPutAPaymentAfterTheCloseIntoTheNextPeriod() {
        Tenant tenant = newTenant();
        String first = expect(post("/settlements", "{}", tenant.device()), 201).path("id").asString();
        expect(post("/settlements/" + first + "/close", null, tenant.device()), 200);
        String bill = billOf(tenant, jpyOrder(tenant));
        expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":3000}",
                tenant.device()), 201);
        String second = expect(post("/settlements", "{}", tenant.device()), 201).path("id").asString();

        JsonNode closed = expect(post("/settlements/" + second + "/close", null, tenant.device()), 200);

        assertThat(expect(get("/settlements/" + first, tenant.device()), 200).path("totals").size()).isZero();
        assertThat(closed.path("totals").get(0).path("gross").toString()).isEqualTo("3000");
        assertThat(closed.path("balanced").asBoolean()).isTrue();
    }

    @Test
    void shouldLeaveClosingTheStoresPeriodToManagersAndStayOpenWhenTheGatewayIsDown() {
        Tenant tenant = newTenant();
        String store = expect(post("/settlements", "{\"scope\":\"store\"}", tenant.manager()), 201).path("id")
                .asString();
        HttpResponse<String> overlap = post("/settlements", "{}", tenant.device());
        assertThat(overlap.statusCode()).isEqualTo(409);
        assertThat(json(overlap).path("code").asString()).isEqualTo("settlement_scope_overlap");

        assertThat(post("/settlements/" + store + "/close", null, tenant.device()).statusCode()).isEqualTo(403);
        assertThat(post("/settlements/" + store + "/close", null, newTenant().manager()).statusCode())
                .isEqualTo(404);
        GATEWAY.failWith(503);
        try {
            HttpResponse<String> down = post("/settlements/" + store + "/close", null, tenant.manager());
            assertThat(down.statusCode()).isEqualTo(503);
        }
        finally {
            GATEWAY.failWith(0);
        }
        assertThat(expect(get("/settlements/" + store, tenant.manager()), 200).path("status").asString())
                .isEqualTo("OPEN");
        assertThat(expect(post("/settlements/" + store + "/close", null, tenant.manager()), 200).path("status")
                .asString()).isEqualTo("CLOSED");
        String terminal = expect(post("/settlements", "{}", tenant.device()), 201).path("id").asString();
        assertThat(post("/settlements/" + terminal + "/close", null, tenant.cashier()).statusCode()).isEqualTo(403);
        assertThat(post("/settlements/" + terminal + "/close", null,
                PORTAL.device("trm_other", tenant.merchantId(), tenant.storeId())).statusCode()).isEqualTo(403);
    }

    private static JsonNode line(JsonNode totals, String method) {
        for (JsonNode line : totals) {
            if (line.path("method").asString().equals(method)) {
                return line;
            }
        }
        throw new AssertionError("no " + method + " line in " + totals);
    }
}
