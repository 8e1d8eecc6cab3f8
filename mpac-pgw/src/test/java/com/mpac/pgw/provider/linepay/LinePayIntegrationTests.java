package com.mpac.pgw.provider.linepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.pgw.support.FastJobsTest;
import com.mpac.pgw.support.TestMerchant;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The LINE Pay connector against the LINE Pay sandbox over HTTP: request, approval, confirm, capture, refund. */
@FastJobsTest
class LinePayIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private TestMerchant merchant() {
        String channel = Long.toString(1_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(),
                1_000_000_000L));
        return TestMerchant.onboard(port, json, null, List.of(new ProviderAccount(Provider.LINEPAY, true,
                Map.of("channel_id", channel, "base_url", "http://127.0.0.1:" + port + "/sandbox/linepay"),
                Map.of("channel_secret", "linepay-secret-" + channel))));
    }

    @Test
    void shouldPayOnceTheShopperApprovesAndRefundInPart() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":2500,\"currency\":\"USD\"}").get("id").asString();

        JsonNode waiting = merchant.confirm(id, "linepay", "linepay");

        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        String page = waiting.get("next_action").get("display_qr_code").get("data").asString();
        assertThat(waiting.get("next_action").get("display_qr_code").get("deeplink").asString())
                .startsWith("line://pay/payment/");
        HttpResponse<String> approved = approve(page, "approve");
        assertThat(json.readTree(approved.body()).get("confirm_url_status").asInt()).isEqualTo(200);
        JsonNode paid = merchant.read(id);
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("amount_received").asLong()).isEqualTo(2500);
        String transactionId = json.readTree(approved.body()).get("transaction_id").asString();
        assertThat(transactionId).hasSize(19);
        JsonNode authorization = json.readTree(merchant.get("/v1/payment_intents/" + id + "/transactions").body())
                .get("data").get(0);
        assertThat(authorization.get("provider_reference").asString()).isEqualTo(transactionId);

        HttpResponse<String> refund = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":999}");

        assertThat(json.readTree(refund.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(jdbc.sql("SELECT refunded_amount FROM linepay_sandbox_payment WHERE transaction_id = :t")
                .param("t", Long.parseLong(transactionId)).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("9.99");
    }

    @Test
    void shouldHoldCaptureInPartAndIgnoreARepeatedCallback() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":5000,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        String page = merchant.confirm(id, "linepay", "linepay").get("next_action").get("display_qr_code")
                .get("data").asString();

        approve(page, "approve");
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_capture");
        String transactionId = page.substring(page.indexOf('=') + 1);
        String reference = jdbc.sql("SELECT id FROM provider_transaction WHERE payment_intent_id = :id")
                .param("id", id).query(String.class).single();
        HttpResponse<String> again = TestHttp.localhost(port).post("/v1/webhooks/linepay?transactionId="
                + transactionId + "&orderId=" + reference, null, Map.of());
        HttpResponse<String> captured = merchant.post("/v1/payment_intents/" + id + "/capture",
                "{\"amount_to_capture\":4000}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already_settled");
        assertThat(json.readTree(captured.body()).get("amount_received").asLong()).isEqualTo(4000);
    }

    @Test
    void shouldRefuseCallbacksLinePayDoesNotBackAndNeverConfirmACanceledPayment() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":700,\"currency\":\"JPY\"}").get("id").asString();
        String page = merchant.confirm(id, "linepay", "linepay").get("next_action").get("display_qr_code")
                .get("data").asString();
        String transactionId = page.substring(page.indexOf('=') + 1);
        String reference = jdbc.sql("SELECT id FROM provider_transaction WHERE payment_intent_id = :id")
                .param("id", id).query(String.class).single();
        TestHttp line = TestHttp.localhost(port);

        HttpResponse<String> beforeApproval = line.post("/v1/webhooks/linepay?transactionId=" + transactionId
                + "&orderId=" + reference, null, Map.of());
        HttpResponse<String> wrongPair = line.post("/v1/webhooks/linepay?transactionId=1234567890123456789&orderId="
                + reference, null, Map.of());
        HttpResponse<String> garbage = line.post("/v1/webhooks/linepay?transactionId=abc&orderId=x", null, Map.of());

        assertThat(beforeApproval.statusCode()).isEqualTo(400);
        assertThat(wrongPair.statusCode()).isEqualTo(400);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");

        merchant.post("/v1/payment_intents/" + id + "/cancel", "{}");
        approve(page, "approve");

        assertThat(merchant.read(id).get("status").asString()).isEqualTo("canceled");
        assertThat(jdbc.sql("SELECT status FROM linepay_sandbox_payment WHERE transaction_id = :t")
                .param("t", Long.parseLong(transactionId)).query(String.class).single()).isEqualTo("APPROVED");
    }

    private HttpResponse<String> approve(String page, String result) {
        return TestHttp.localhost(port).post("/v1/sandbox/linepay/approve", "{\"payment_url\":\"" + page
                + "\",\"result\":\"" + result + "\"}", Map.of());
    }
}
