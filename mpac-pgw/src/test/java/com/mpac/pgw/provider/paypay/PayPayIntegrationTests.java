package com.mpac.pgw.provider.paypay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.ProviderAccount;
import com.mpac.pgw.support.FastJobsTest;
import com.mpac.pgw.support.TestMerchant;
import com.mpac.testsupport.TestHttp;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PayPay connector against the PayPay sandbox over HTTP, and against a stub that stalls. */
@FastJobsTest
class PayPayIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry circuitBreakers;

    private TestMerchant merchantAt(String baseUrl) {
        String payPayMerchant = "pp_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return TestMerchant.onboard(port, json, null, List.of(new ProviderAccount(Provider.PAYPAY, true,
                Map.of("merchant_id", payPayMerchant, "base_url", baseUrl),
                Map.of("api_key", "a_" + payPayMerchant, "api_secret", "s3cret-" + payPayMerchant))));
    }

    private TestMerchant merchant() {
        return merchantAt("http://127.0.0.1:" + port + "/sandbox/paypay");
    }

    @Test
    void shouldPayByQrRefundInPartAndRefuseMoreThanWasPaid() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":1500,\"currency\":\"JPY\"}").get("id").asString();

        JsonNode waiting = merchant.confirm(id, "paypay", "paypay_qr");

        assertThat(waiting.get("status").asString()).isEqualTo("requires_action");
        JsonNode qr = waiting.get("next_action").get("display_qr_code");
        assertThat(qr.get("data").asString()).startsWith("https://qr-sandbox.paypay.mpac.local/28180104");
        assertThat(qr.get("deeplink").asString()).startsWith("paypay://payment?link_key=");
        HttpResponse<String> paid = pay(qr.get("data").asString(), "pay");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(json.readTree(paid.body()).get("webhook_status").asInt()).isEqualTo(200);
        JsonNode succeeded = merchant.read(id);
        assertThat(succeeded.get("status").asString()).isEqualTo("succeeded");
        assertThat(succeeded.get("amount_received").asLong()).isEqualTo(1500);

        HttpResponse<String> refund = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":600}");
        HttpResponse<String> tooMuch = merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":901}");

        assertThat(refund.statusCode()).isEqualTo(201);
        assertThat(json.readTree(refund.body()).get("status").asString()).isEqualTo("succeeded");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        String paymentId = jdbc.sql("SELECT payment_id FROM paypay_sandbox_payment WHERE merchant_payment_id = "
                + "(SELECT id FROM provider_transaction WHERE payment_intent_id = :id AND kind = 'authorization')")
                .param("id", id).query(String.class).single();
        assertThat(jdbc.sql("SELECT refunded_amount FROM paypay_sandbox_payment WHERE payment_id = :p")
                .param("p", paymentId).query(Long.class).single()).isEqualTo(600);
        JsonNode authorization = json.readTree(merchant.get("/v1/payment_intents/" + id + "/transactions").body())
                .get("data").get(0);
        assertThat(authorization.get("provider_reference").asString()).isEqualTo(paymentId);
    }

    @Test
    void shouldHoldAPayPayAuthorizationAndCaptureItInPart() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":5000,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        String url = merchant.confirm(id, "paypay", "paypay_qr").get("next_action").get("display_qr_code")
                .get("data").asString();

        pay(url, "pay");
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_capture");
        HttpResponse<String> captured = merchant.post("/v1/payment_intents/" + id + "/capture",
                "{\"amount_to_capture\":4200}");

        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(200);
        assertThat(json.readTree(captured.body()).get("amount_received").asLong()).isEqualTo(4200);
    }

    @Test
    void shouldRefuseWebhooksPayPayDoesNotConfirmAndIgnoreRepeats() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":800,\"currency\":\"JPY\"}").get("id").asString();
        String url = merchant.confirm(id, "paypay", "paypay_qr").get("next_action").get("display_qr_code")
                .get("data").asString();
        String reference = jdbc.sql("SELECT id FROM provider_transaction WHERE payment_intent_id = :id")
                .param("id", id).query(String.class).single();
        TestHttp payPay = TestHttp.localhost(port);

        HttpResponse<String> forged = payPay.post("/v1/webhooks/paypay", "{\"notification_type\":\"Transaction\","
                + "\"merchant_order_id\":\"" + reference + "\",\"order_id\":\"123\",\"state\":\"COMPLETED\"}", Map.of());
        HttpResponse<String> unknown = payPay.post("/v1/webhooks/paypay", "{\"merchant_order_id\":\"txn_nope\","
                + "\"state\":\"COMPLETED\"}", Map.of());
        HttpResponse<String> malformed = payPay.post("/v1/webhooks/paypay", "{\"state\":", Map.of());

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("requires_action");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_event WHERE provider = 'paypay' AND payload LIKE :p")
                .param("p", "%" + reference + "%").query(Long.class).single()).isZero();

        pay(url, "pay");
        String event = jdbc.sql("SELECT payload FROM provider_event WHERE provider = 'paypay' AND payload LIKE :p")
                .param("p", "%" + reference + "%").query(String.class).single();
        HttpResponse<String> repeat = payPay.post("/v1/webhooks/paypay", event, Map.of());
        HttpResponse<String> late = payPay.post("/v1/webhooks/paypay", event.replace("COMPLETED", "FAILED"),
                Map.of());

        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).contains("duplicate");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(merchant.read(id).get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void shouldCancelAWaitingPayPayQrByDeletingTheCode() {
        TestMerchant merchant = merchant();
        String id = merchant.createIntent("{\"amount\":300,\"currency\":\"JPY\"}").get("id").asString();
        String url = merchant.confirm(id, "paypay", "paypay_qr").get("next_action").get("display_qr_code")
                .get("data").asString();

        HttpResponse<String> canceled = merchant.post("/v1/payment_intents/" + id + "/cancel", "{}");

        assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(pay(url, "pay").statusCode()).isEqualTo(409);
    }

    @Test
    void shouldLeaveATimedOutPaymentProcessingUntilReconciliationFindsItPaid() throws IOException {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        stalling.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body;
            int status;
            if (exchange.getRequestMethod().equals("POST")) {
                try {
                    Thread.sleep(3000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                status = 201;
                body = "{\"resultInfo\":{\"code\":\"SUCCESS\"},\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            }
            else {
                status = 200;
                body = "{\"resultInfo\":{\"code\":\"SUCCESS\",\"message\":\"Success\"},\"data\":{\"paymentId\":\"pp-9\",\"status\":\"COMPLETED\"}}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stalling.start();
        try {
            TestMerchant merchant = merchantAt("http://127.0.0.1:" + stalling.getAddress().getPort());
            String id = merchant.createIntent("{\"amount\":999,\"currency\":\"JPY\"}").get("id").asString();

            JsonNode processing = merchant.confirm(id, "paypay", "paypay_qr");

            assertThat(processing.get("status").asString()).isEqualTo("processing");
            await().atMost(DEADLINE).until(() -> merchant.read(id).get("status").asString().equals("succeeded"));
            assertThat(calls).first().isEqualTo("POST /v2/codes");
            assertThat(calls).anyMatch(call -> call.startsWith("GET /v2/codes/payments/txn_"));
            JsonNode authorization = json.readTree(merchant.get("/v1/payment_intents/" + id + "/transactions")
                    .body()).get("data").get(0);
            assertThat(authorization.get("provider_reference").asString()).isEqualTo("pp-9");
        }
        finally {
            stalling.stop(0);
        }
    }

    @Test
    void shouldFailFastWhenTheMerchantsPayPayAccountHasNoCredentials() {
        TestMerchant merchant = TestMerchant.onboard(port, json, null, List.of(new ProviderAccount(Provider.PAYPAY,
                true, Map.of("merchant_id", "pp_nocreds_" + port), Map.of())));
        String id = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();

        JsonNode failed = merchant.confirm(id, "paypay", "paypay_qr");

        assertThat(failed.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(failed.get("last_payment_error").get("code").asString()).isEqualTo("provider_unavailable");
        assertThat(failed.get("last_payment_error").get("message").asString()).contains("api_key");
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndFailNewPaymentsAtOnce() throws IOException {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try {
            TestMerchant merchant = merchantAt("http://127.0.0.1:" + failing.getAddress().getPort());
            List<String> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String id = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();
                JsonNode answer = merchant.confirm(id, "paypay", "paypay_qr");
                statuses.add(answer.get("status").asString() + (answer.get("last_payment_error").isNull() ? ""
                        : ":" + answer.get("last_payment_error").get("code").asString()));
            }

            // Reconciliation's queries of the earlier attempts fail too and count towards opening the circuit.
            int opened = statuses.indexOf("requires_payment_method:provider_unavailable");
            assertThat(statuses.getFirst()).isEqualTo("processing");
            assertThat(opened).isPositive();
            assertThat(statuses.subList(0, opened)).containsOnly("processing");
            assertThat(statuses.subList(opened, statuses.size()))
                    .containsOnly("requires_payment_method:provider_unavailable");
            assertThat(circuitBreakers.circuitBreaker("paypay").getState())
                    .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        }
        finally {
            circuitBreakers.circuitBreaker("paypay").reset();
            failing.stop(0);
        }
    }

    private HttpResponse<String> pay(String url, String result) {
        return TestHttp.localhost(port).post("/v1/sandbox/paypay/pay", "{\"qr_url\":\"" + url + "\",\"result\":\""
                + result + "\"}", Map.of());
    }
}
