package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** payments, and the three paymentId recovery lookups. */
class PaymentLookupIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldListActivePaymentsByDefaultAndCapturedOnesWhenAsked() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String captured = api().reservedPayment(pm, "o-cap", "10");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", captured)));
        String active = api().start(m, "o-act", "11").get("paymentId").asString();

        JsonNode activeList = api().ok(api().get(m, "/api/pos/payments", Map.of()));
        JsonNode capturedList = api().ok(api().get(m, "/api/pos/payments", Map.of("state", "Captured")));
        JsonNode byOrder = api().ok(api().get(m, "/api/pos/payments", Map.of("orderId", "o-none")));
        JsonNode byTerminal = api().ok(api().get(m, "/api/pos/payments", Map.of("terminalId", m.terminalId())));
        HttpResponse<String> badState = api().get(m, "/api/pos/payments", Map.of("state", "Reserved"));

        assertThat(activeList.get("payments").values()).extracting(p -> p.get("paymentId").asString())
                .containsExactly(active);
        assertThat(capturedList.get("payments").values()).extracting(p -> p.get("paymentId").asString())
                .containsExactly(captured);
        assertThat(byOrder.get("payments")).isEmpty();
        assertThat(byTerminal.get("payments")).hasSize(1);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(api().ok(api().get(api().onboard(), "/api/pos/payments", Map.of())).get("payments")).isEmpty();
    }

    @Test
    void shouldRefuseEveryRouteMissingItsRequiredParametersInThePosShape() {
        Merchant m = api().onboard();
        for (String path : new String[] { "/api/pos/manage/create", "/api/pos/manage/delete",
                "/api/pos/manage/terminal/information", "/api/pos/manage/store",
                "/api/pos/manage/checkInStatus/byposId", "/api/pos/manage/checkInStatus/byterminalId",
                "/api/pos/terminal/qrcode", "/api/pos/payment/start", "/api/pos/payment/start/byPosId",
                "/api/pos/payment/prepare", "/api/pos/payment/ready", "/api/pos/payment/details",
                "/api/pos/payment/status", "/api/pos/payment/capture", "/api/pos/payment/cancel",
                "/api/pos/payment/id/retrieve/bystate", "/api/pos/payment/id/retrieve/byterminal",
                "/api/pos/payment/id/retrieve/byposId", "/api/pos/refund/create", "/api/pos/refund/details",
                "/api/pos/refunds", "/api/pos/refund/capture", "/api/pos/refund/cancel" }) {
            HttpResponse<String> response = api().get(m, path, Map.of());

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(api().json(response).get("code").asString()).as(path).isEqualTo("InvalidParameter");
            assertThat(api().json(response).get("message").asString()).as(path).isNotBlank();
        }
        for (String path : new String[] { "/api/pos/manage/create", "/api/pos/payment/start",
                "/api/pos/payment/start/byPosId", "/api/pos/payment/prepare", "/api/pos/payment/ready",
                "/api/pos/refund/create" }) {
            HttpResponse<String> response = api().post(m, path, Map.of());

            assertThat(response.statusCode()).as("POST " + path).isEqualTo(400);
            assertThat(api().json(response).get("code").asString()).isEqualTo("InvalidParameter");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pos WHERE merchant_id = :m").param("m", m.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldRetrieveByStateOnlyForCaptured() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String captured = api().reservedPayment(pm, "o-lost", "10");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", captured)));

        JsonNode found = api().ok(api().get(m, "/api/pos/payment/id/retrieve/bystate",
                Map.of("orderId", "o-lost", "state", "Captured")));
        HttpResponse<String> reserved = api().get(m, "/api/pos/payment/id/retrieve/bystate",
                Map.of("orderId", "o-lost", "state", "Reserved"));
        HttpResponse<String> foreign = api().get(api().onboard(), "/api/pos/payment/id/retrieve/bystate",
                Map.of("orderId", "o-lost", "state", "Captured"));

        assertThat(found.get("paymentIds").values()).extracting(JsonNode::asString).containsExactly(captured);
        assertThat(found.get("orderId").asString()).isEqualTo("o-lost");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRetrieveByTerminalAndByPosIdWithAnOptionalState() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-rec", "10").get("paymentId").asString();

        JsonNode byTerminal = api().ok(api().get(m, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-rec", "terminalId", m.terminalId(), "paymentState", "Initiated")));
        JsonNode byPos = api().ok(api().get(m, "/api/pos/payment/id/retrieve/byposId",
                Map.of("orderId", "o-rec", "posId", pm.posId())));
        HttpResponse<String> otherState = api().get(m, "/api/pos/payment/id/retrieve/byposId",
                Map.of("orderId", "o-rec", "posId", pm.posId(), "paymentState", "Captured"));
        HttpResponse<String> badState = api().get(m, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-rec", "terminalId", m.terminalId(), "paymentState", "Done"));
        HttpResponse<String> foreign = api().get(api().onboard(), "/api/pos/payment/id/retrieve/byposId",
                Map.of("orderId", "o-rec", "posId", pm.posId()));

        assertThat(byTerminal.get("paymentIds").values()).extracting(JsonNode::asString).containsExactly(paymentId);
        assertThat(byPos.get("paymentIds").values()).extracting(JsonNode::asString).containsExactly(paymentId);
        assertThat(otherState.statusCode()).isEqualTo(404);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(foreign.statusCode()).isEqualTo(404);
    }
}
