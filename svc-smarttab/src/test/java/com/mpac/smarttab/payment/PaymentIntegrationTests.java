package com.mpac.smarttab.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mpac.smarttab.support.GatewayStub;
import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

class PaymentIntegrationTests extends SmartTabIntegrationTest {

    @Test
    void shouldPayCashGivingChangeAndRecordingTheTipApart() {
        Tenant tenant = newTenant();
        String order = jpyOrder(tenant);
        String bill = billOf(tenant, order);

        JsonNode part = expect(post("/payments", """
                {"bill_id":"%s","method":"cash","amount":1000,"tip":200,"tendered":5000}
                """.formatted(bill), tenant.device()), 201);
        JsonNode rest = expect(post("/payments", """
                {"bill_id":"%s","method":"cash","tendered":2000}
                """.formatted(bill), tenant.cashier()), 201);

        assertThat(part.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(part.path("change").toString()).isEqualTo("3800");
        assertThat(part.path("tip").toString()).isEqualTo("200");
        assertThat(part.path("total_charged").toString()).isEqualTo("1200");
        assertThat(rest.path("amount").toString()).isEqualTo("2000");
        assertThat(rest.path("change").toString()).isEqualTo("0");
        JsonNode paid = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("amount_paid").toString()).isEqualTo("3000");
        assertThat(paid.path("tips").toString()).isEqualTo("200");
        assertThat(paid.path("payment_ids").size()).isEqualTo(2);
        assertThat(expect(get("/orders/" + order, tenant.device()), 200).path("status").asString()).isEqualTo("PAID");
    }

    @Test
    void shouldMoveABillThroughPartiallyPaidAndRefuseOverpayment() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));

        expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":1000,"
                + "\"tendered\":1000}", tenant.device()), 201);
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("status").asString())
                .isEqualTo("PARTIALLY_PAID");
        HttpResponse<String> over = post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\","
                + "\"amount\":2001,\"tendered\":3000}", tenant.device());

        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(json(over).path("code").asString()).isEqualTo("bill_overpayment");
        assertThat(json(over).path("amount_due").toString()).isEqualTo("2000");
        assertThat(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":500,"
                + "\"tendered\":400}", tenant.device()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseBadPaymentInput() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        String[] bodies = {
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\"}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"bitcoin\",\"tendered\":1}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":\"5000\"}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":-1,\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":0,\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":1e20,\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":10.5,\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tip\":-5,\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"card\"}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"card\",\"provider\":\"sandbox\","
                    + "\"payment_method\":\"pm_card_visa\",\"tendered\":1}",
            "{\"method\":\"cash\",\"tendered\":5000}",
            "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":5000,\"change\":1}",
            "not json",
        };
        for (String body : bodies) {
            assertThat(post("/payments", body, tenant.device()).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(post("/payments", "{\"bill_id\":\"bill_nope\",\"method\":\"cash\",\"tendered\":1}",
                tenant.device()).statusCode()).isEqualTo(404);
        assertThat(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":5000}",
                other.device()).statusCode()).isEqualTo(404);
        assertThat(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"tendered\":5000}",
                tenant.device(), null).statusCode()).isEqualTo(400);
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_paid").toString())
                .isEqualTo("0");
    }

    @Test
    void shouldPayByCardThroughTheGatewaySignedAsSmartTabForTheMerchant() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        int refusedBefore = GATEWAY.refusedRequests();

        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"card","provider":"sandbox","payment_method":"pm_card_visa","tip":300}
                """.formatted(bill), tenant.device()), 201);

        assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment.path("amount").toString()).isEqualTo("3000");
        JsonNode intent = GATEWAY.intent(payment.path("gateway_payment_intent_id").asString());
        assertThat(intent.path("amount").asLong()).isEqualTo(3300);
        assertThat(intent.path("merchant_id").asString()).isEqualTo(tenant.merchantId());
        assertThat(intent.path("store_id").asString()).isEqualTo(tenant.storeId());
        assertThat(intent.path("terminal_id").asString()).isEqualTo(tenant.terminalId());
        assertThat(intent.path("metadata").path("smarttab_payment_id").asString())
                .isEqualTo(payment.path("id").asString());
        assertThat(GATEWAY.refusedRequests()).isEqualTo(refusedBefore);
        JsonNode paid = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("tips").toString()).isEqualTo("300");
    }

    @Test
    void shouldReleaseTheBillWhenTheCardIsDeclined() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));

        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"card","provider":"sandbox","payment_method":"pm_card_declined"}
                """.formatted(bill), tenant.device()), 201);

        assertThat(payment.path("status").asString()).isEqualTo("FAILED");
        assertThat(payment.path("failure").path("code").asString()).isEqualTo("provider_declined");
        JsonNode due = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(due.path("amount_due").toString()).isEqualTo("3000");
        assertThat(due.path("amount_pending").toString()).isEqualTo("0");
    }

    @Test
    void shouldFailAPaymentTheGatewayCouldNotTake() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        GATEWAY.failWith(503);
        JsonNode payment;
        try {
            payment = expect(post("/payments", """
                    {"bill_id":"%s","method":"card","provider":"sandbox","payment_method":"pm_card_visa"}
                    """.formatted(bill), tenant.device()), 201);
        }
        finally {
            GATEWAY.failWith(0);
        }

        assertThat(payment.path("status").asString()).isEqualTo("FAILED");
        assertThat(payment.path("failure").path("code").asString()).isEqualTo("gateway_unavailable");
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_due").toString())
                .isEqualTo("3000");
    }

    @Test
    void shouldShowTheQrAndFollowTheGatewaysSignedWebhook() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));

        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"qr","provider":"sandbox","payment_method":"pm_qr","amount":1000}
                """.formatted(bill), tenant.device()), 201);
        String intent = payment.path("gateway_payment_intent_id").asString();

        assertThat(payment.path("status").asString()).isEqualTo("PENDING");
        assertThat(payment.path("qr").path("data").asString()).startsWith("000201");
        assertThat(payment.path("qr").path("image_png").asString()).startsWith("data:image/png;base64,iVBOR");
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_pending").toString())
                .isEqualTo("1000");

        GATEWAY.pay(intent);
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", intent,
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))).isEqualTo(401);
        assertThat(jdbc.sql("SELECT status FROM payment WHERE id = :id").param("id", payment.path("id").asString())
                .query(String.class).single()).isEqualTo("PENDING");
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", intent, GatewayStub.WEBHOOK_SECRET))
                .isEqualTo(200);

        assertThat(jdbc.sql("SELECT status FROM payment WHERE id = :id").param("id", payment.path("id").asString())
                .query(String.class).single()).isEqualTo("SUCCEEDED");
        JsonNode partly = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(partly.path("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(partly.path("amount_paid").toString()).isEqualTo("1000");
        assertThat(expect(get("/payments/" + payment.path("id").asString(), tenant.device()), 200).has("qr"))
                .isFalse();
    }

    @Test
    void shouldApplyARedeliveredWebhookOnceAndIgnoreIntentsItDoesNotKnow() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"qr","provider":"sandbox","payment_method":"pm_qr","amount":500}
                """.formatted(bill), tenant.device()), 201);
        String intent = payment.path("gateway_payment_intent_id").asString();
        GATEWAY.pay(intent);
        String foreign = GATEWAY.captureForeign(tenant.merchantId(), tenant.storeId(), tenant.terminalId(), 10,
                "JPY");

        assertThat(GATEWAY.sendWebhook(baseUrl(), "evt_same_" + intent, "payment_intent.succeeded", intent,
                GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);
        assertThat(GATEWAY.sendWebhook(baseUrl(), "evt_same_" + intent, "payment_intent.succeeded", intent,
                GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", foreign, GatewayStub.WEBHOOK_SECRET))
                .isEqualTo(200);

        JsonNode after = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(after.path("amount_paid").toString()).isEqualTo("500");
        assertThat(jdbc.sql("SELECT count(*) FROM gateway_webhook WHERE webhook_id = :id")
                .param("id", "evt_same_" + intent).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldRefuseUnsignedAndStaleWebhooks() {
        HttpResponse<String> unsigned = http().post("/webhooks/pgw", "{\"type\":\"payment_intent.succeeded\"}",
                Map.of());
        long stale = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        String body = "{\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}";
        HttpResponse<String> old = http().post("/webhooks/pgw", body, Map.of("webhook-id", "evt_old",
                "webhook-timestamp", Long.toString(stale), "webhook-signature",
                com.mpac.contracts.webhook.StandardWebhook.sign(GatewayStub.WEBHOOK_SECRET, "evt_old", stale, body)));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(old.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLearnTheOutcomeByPollingWhenNoWebhookComes() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"qr","provider":"sandbox","payment_method":"pm_qr"}
                """.formatted(bill), tenant.device()), 201);

        GATEWAY.pay(payment.path("gateway_payment_intent_id").asString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT status FROM bill WHERE id = :id").param("id", bill).query(String.class).single())
                .isEqualTo("PAID"));
        assertThat(jdbc.sql("SELECT status FROM payment WHERE id = :id").param("id", payment.path("id").asString())
                .query(String.class).single()).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldRefundPartlyThroughTheGatewayNeverBeyondWhatWasCaptured() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"card","provider":"sandbox","payment_method":"pm_card_visa"}
                """.formatted(bill), tenant.device()), 201);
        String id = payment.path("id").asString();

        JsonNode refund = expect(post("/payments/" + id + "/refund", "{\"amount\":1200,\"reason\":\"cold soup\"}",
                tenant.device()), 201);
        HttpResponse<String> tooMuch = post("/payments/" + id + "/refund", "{\"amount\":1801}", tenant.manager());
        JsonNode rest = expect(post("/payments/" + id + "/refund", "{}", tenant.manager()), 201);

        assertThat(refund.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(refund.path("gateway_refund_id").asString()).startsWith("re_");
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(json(tooMuch).path("code").asString()).isEqualTo("refund_exceeds_captured");
        assertThat(rest.path("amount").toString()).isEqualTo("1800");
        JsonNode after = expect(get("/payments/" + id, tenant.device()), 200);
        assertThat(after.path("amount_refunded").toString()).isEqualTo("3000");
        assertThat(after.path("amount_refundable").toString()).isEqualTo("0");
        assertThat(after.path("refunds").size()).isEqualTo(2);
        assertThat(GATEWAY.intent(payment.path("gateway_payment_intent_id").asString()).path("amount_refunded")
                .asLong()).isEqualTo(3000);
        assertThat(post("/payments/" + id + "/refund", "{\"amount\":-1}", tenant.manager()).statusCode())
                .isEqualTo(400);
        assertThat(post("/payments/" + id + "/refund", "{\"amount\":\"1\"}", tenant.manager()).statusCode())
                .isEqualTo(400);
        assertThat(post("/payments/pay_nope/refund", "{}", tenant.manager()).statusCode()).isEqualTo(404);
        assertThat(post("/payments/" + id + "/refund", "{}", newTenant().manager()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldLeaveRefundsAboveTheLimitToManagers() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, expect(post("/orders", """
                {"currency":"JPY","items":[{"name":"Omakase","quantity":1,"unit_price":20000}]}
                """, tenant.device()), 201).path("id").asString());
        String id = expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\","
                + "\"tendered\":20000}", tenant.device()), 201).path("id").asString();

        HttpResponse<String> device = post("/payments/" + id + "/refund", "{\"amount\":6000}", tenant.device());
        HttpResponse<String> cashier = post("/payments/" + id + "/refund", "{\"amount\":6000}", tenant.cashier());

        assertThat(device.statusCode()).isEqualTo(403);
        assertThat(json(device).path("code").asString()).isEqualTo("refund_requires_manager");
        assertThat(cashier.statusCode()).isEqualTo(403);
        assertThat(expect(post("/payments/" + id + "/refund", "{\"amount\":5000}", tenant.device()), 201)
                .path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(expect(post("/payments/" + id + "/refund", "{\"amount\":6000}", tenant.manager()), 201)
                .path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(post("/payments/" + id + "/refund", "{\"amount\":100}", PORTAL.human("PSP_ADMIN", null, null))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldNeverOverpayOrOverRefundUnderConcurrentRequests() throws Exception {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        List<Callable<HttpResponse<String>>> payments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            payments.add(() -> post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":1000,"
                    + "\"tendered\":1000}", tenant.device()));
        }

        List<HttpResponse<String>> paid = atOnce(payments);

        assertThat(paid.stream().filter(r -> r.statusCode() == 201)).hasSize(3);
        assertThat(paid).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        JsonNode full = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(full.path("status").asString()).isEqualTo("PAID");
        assertThat(full.path("amount_paid").toString()).isEqualTo("3000");

        String payment = json(paid.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow()).path("id")
                .asString();
        List<Callable<HttpResponse<String>>> refunds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refunds.add(() -> post("/payments/" + payment + "/refund", "{\"amount\":300}", tenant.manager()));
        }
        List<HttpResponse<String>> refunded = atOnce(refunds);

        assertThat(refunded.stream().filter(r -> r.statusCode() == 201)).hasSize(3);
        assertThat(expect(get("/payments/" + payment, tenant.device()), 200).path("amount_refunded").toString())
                .isEqualTo("900");
    }

    @Test
    void shouldNeverRefundACardPaymentBeyondItsCaptureUnderConcurrentRequests() throws Exception {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode payment = expect(post("/payments", """
                {"bill_id":"%s","method":"card","provider":"sandbox","payment_method":"pm_card_visa"}
                """.formatted(bill), tenant.device()), 201);
        List<Callable<HttpResponse<String>>> refunds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refunds.add(() -> post("/payments/" + payment.path("id").asString() + "/refund", "{\"amount\":700}",
                    tenant.manager()));
        }

        List<HttpResponse<String>> answers = atOnce(refunds);

        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(4);
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        JsonNode after = expect(get("/payments/" + payment.path("id").asString(), tenant.device()), 200);
        assertThat(after.path("amount_refunded").toString()).isEqualTo("2800");
        assertThat(GATEWAY.intent(payment.path("gateway_payment_intent_id").asString()).path("amount_refunded")
                .asLong()).isEqualTo(2800);
    }

    @Test
    void shouldReplayARetriedPaymentInsteadOfPayingTwice() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        String body = "{\"bill_id\":\"" + bill + "\",\"method\":\"card\",\"provider\":\"sandbox\","
                + "\"payment_method\":\"pm_card_visa\",\"amount\":1000}";
        int before = GATEWAY.requests();

        HttpResponse<String> first = post("/payments", body, tenant.device(), "retry-1");
        HttpResponse<String> retry = post("/payments", body, tenant.device(), "retry-1");

        assertThat(json(retry).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(GATEWAY.requests() - before).isEqualTo(2);
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_paid").toString())
                .isEqualTo("1000");
    }

    @Test
    void shouldListPaymentsOfTheTenantOnly() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":100,"
                + "\"tendered\":100}", tenant.device()), 201);
        String pay = expect(post("/payments", "{\"bill_id\":\"" + bill + "\",\"method\":\"cash\",\"amount\":200,"
                + "\"tendered\":200}", tenant.device()), 201).path("id").asString();

        JsonNode list = expect(get("/payments?bill_id=" + bill + "&limit=1", tenant.device()), 200);

        assertThat(list.path("data").get(0).path("id").asString()).isEqualTo(pay);
        assertThat(list.path("has_more").asBoolean()).isTrue();
        assertThat(expect(get("/payments?method=cash", tenant.manager()), 200).path("data").size()).isEqualTo(2);
        assertThat(expect(get("/payments", newTenant().device()), 200).path("data").size()).isZero();
        assertThat(get("/payments/" + pay, newTenant().device()).statusCode()).isEqualTo(404);
        assertThat(get("/payments?method=gold", tenant.device()).statusCode()).isEqualTo(400);
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
