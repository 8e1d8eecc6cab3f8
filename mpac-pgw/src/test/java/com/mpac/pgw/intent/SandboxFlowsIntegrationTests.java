package com.mpac.pgw.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.qr.EmvQr;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.pgw.support.FastJobsTest;
import com.mpac.pgw.support.TestMerchant;
import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@FastJobsTest
class SandboxFlowsIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    TestMerchant merchant;
    TestHttp shopper;

    @BeforeEach
    void setUp() {
        merchant = TestMerchant.onboard(port, json, null);
        shopper = TestHttp.localhost(port);
    }

    @Test
    void shouldAskForAQrScanAndSucceedOnTheProvidersSignedWebhook() {
        String id = merchant.createIntent("{\"amount\":1999,\"currency\":\"USD\"}").get("id").asString();

        JsonNode waiting = merchant.confirm(id, "sandbox", "pm_qr");

        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        JsonNode qr = waiting.get("next_action").get("display_qr_code");
        assertThat(waiting.get("next_action").get("type").asString()).isEqualTo("display_qr_code");
        assertThat(qr.get("image_url_png").asString()).startsWith("data:image/png;base64,");
        assertThat(qr.get("expires_at").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        var fields = EmvQr.parse(qr.get("data").asString()).orElseThrow();
        assertThat(fields).contains(new EmvQr.Field("54", "19.99"), new EmvQr.Field("53", "840"));

        HttpResponse<String> scanned = scan(qr.get("data").asString(), "pay");

        assertThat(scanned.statusCode()).isEqualTo(200);
        assertThat(json.readTree(scanned.body()).get("webhook_status").asInt()).isEqualTo(200);
        JsonNode paid = merchant.read(id);
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("next_action").isNull()).isTrue();
        assertThat(scan(qr.get("data").asString(), "pay").statusCode()).isEqualTo(409);
    }

    @Test
    void shouldReturnToRequiresPaymentMethodWhenTheShopperDeclines() {
        String id = merchant.createIntent("{\"amount\":500,\"currency\":\"JPY\"}").get("id").asString();
        String data = merchant.confirm(id, "sandbox", "pm_qr").get("next_action").get("display_qr_code").get("data")
                .asString();

        scan(data, "decline");

        JsonNode declined = merchant.read(id);
        assertThat(declined.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(declined.get("last_payment_error").get("code").asString()).isEqualTo("card_declined");
    }

    @Test
    void shouldRejectForgedProviderWebhooksAndIgnoreDuplicates() {
        String id = merchant.createIntent("{\"amount\":800,\"currency\":\"JPY\"}").get("id").asString();
        String data = merchant.confirm(id, "sandbox", "pm_qr").get("next_action").get("display_qr_code").get("data")
                .asString();
        String reference = EmvQr.parse(data).orElseThrow().stream().filter(f -> f.id().equals("62")).findFirst()
                .orElseThrow().sub("01").orElseThrow();
        String body = "{\"id\":\"sbxevt_forged\",\"type\":\"payment.updated\",\"reference\":\"" + reference
                + "\",\"status\":\"captured\"}";
        long now = Instant.now().getEpochSecond();
        String forgedSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        HttpResponse<String> forged = shopper.post("/v1/webhooks/sandbox", body, Map.of(
                StandardWebhook.ID, "sbxevt_forged", StandardWebhook.TIMESTAMP, Long.toString(now),
                StandardWebhook.SIGNATURE, StandardWebhook.sign(forgedSecret, "sbxevt_forged", now, body)));
        HttpResponse<String> unsigned = shopper.post("/v1/webhooks/sandbox", body, Map.of());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_event WHERE event_id = 'sbxevt_forged'")
                .query(Long.class).single()).isZero();

        scan(data, "pay");
        String eventId = jdbc.sql("SELECT event_id FROM provider_event WHERE payload LIKE :p")
                .param("p", "%" + reference + "%").query(String.class).single();
        String payload = jdbc.sql("SELECT payload FROM provider_event WHERE event_id = :e").param("e", eventId)
                .query(String.class).single();
        assertThat(jdbc.sql("SELECT outcome FROM provider_event WHERE event_id = :e").param("e", eventId)
                .query(String.class).single()).isEqualTo("applied");
        long updatedBefore = merchant.read(id).get("updated").asLong();
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("succeeded");
        assertThat(updatedBefore).isPositive();
        assertThat(payload).contains(reference);
    }

    @Test
    void shouldSettleATimedOutPaymentThroughReconciliation() {
        String id = merchant.createIntent("{\"amount\":4200,\"currency\":\"JPY\"}").get("id").asString();

        JsonNode processing = merchant.confirm(id, "sandbox", "pm_card_timeout");

        assertThat(processing.get("status").asString()).isEqualTo("processing");
        await().atMost(DEADLINE).until(() -> merchant.read(id).get("status").asString().equals("succeeded"));
        JsonNode transaction = json.readTree(merchant.get("/v1/payment_intents/" + id + "/transactions").body())
                .get("data").get(0);
        assertThat(transaction.get("status").asString()).isEqualTo("succeeded");
        assertThat(transaction.get("inconclusive_answers").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment WHERE reference = :r")
                .param("r", transaction.get("id").asString()).query(Long.class).single()).isEqualTo(1);
        assertThat(merchant.read(id).get("amount_received").asLong()).isEqualTo(4200);
    }

    @Test
    void shouldCancelAHoldThatWasNeverCaptured() {
        String id = merchant.createIntent("{\"amount\":650,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        assertThat(merchant.confirm(id, "sandbox", "pm_card_visa").get("status").asString())
                .isEqualTo("requires_capture");

        await().atMost(DEADLINE).until(() -> merchant.read(id).get("status").asString().equals("canceled"));

        JsonNode canceled = merchant.read(id);
        assertThat(canceled.get("cancellation_reason").asString()).isEqualTo("automatic");
        assertThat(canceled.get("amount_capturable").asLong()).isZero();
        String reference = jdbc.sql("""
                SELECT id FROM provider_transaction WHERE payment_intent_id = :id AND kind = 'authorization'
                """).param("id", id).query(String.class).single();
        assertThat(jdbc.sql("SELECT status FROM sandbox_payment WHERE reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("canceled");
    }

    @Test
    void shouldWithdrawTheQrWhenAWaitingIntentIsCanceled() {
        String id = merchant.createIntent("{\"amount\":300,\"currency\":\"JPY\"}").get("id").asString();
        String data = merchant.confirm(id, "sandbox", "pm_qr").get("next_action").get("display_qr_code").get("data")
                .asString();

        HttpResponse<String> canceled = merchant.post("/v1/payment_intents/" + id + "/cancel", "{}");

        assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(scan(data, "pay").statusCode()).isEqualTo(409);
        assertThat(merchant.read(id).get("amount_received").asLong()).isZero();
    }

    @Test
    void shouldRefuseScansOfAnythingButASandboxQr() {
        assertThat(scan("00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
                + "530370454061200005802VN62170813ung ho lu lut6304C15C", "pay").statusCode()).isEqualTo(400);
        assertThat(scan("not a qr", "pay").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> scan(String data, String result) {
        return shopper.post("/v1/sandbox/qr/scan", "{\"qr_data\":" + json.writeValueAsString(data)
                + ",\"result\":\"" + result + "\"}", Map.of());
    }
}
