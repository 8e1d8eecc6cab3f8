package com.mpac.smarttab.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mpac.smarttab.support.SmartTabIntegrationTest;

import tools.jackson.databind.JsonNode;

/** Gateway calls that got no answer, or an answer that is not a decision, and how SmartTab recovers from them. */
class PaymentRecoveryIntegrationTests extends SmartTabIntegrationTest {

    @Autowired
    PaymentRepository payments;

    @AfterEach
    void resetGateway() {
        GATEWAY.dropConfirms(0);
        GATEWAY.answerRefunds(0, null);
    }

    @Test
    void shouldResendALostConfirmUnderTheSameKeyAndPayTheBill() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        GATEWAY.dropConfirms(1);

        JsonNode payment = expect(post("/payments", card(bill), tenant.device()), 201);
        String id = payment.path("id").asString();

        assertThat(payment.path("status").asString()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(id)).isEqualTo("SUCCEEDED"));
        assertThat(GATEWAY.confirms("smarttab_" + id + "_confirm")).isEqualTo(2);
        JsonNode paid = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("amount_pending").toString()).isEqualTo("0");
    }

    @Test
    void shouldCancelAnIntentStillUnconfirmedAfterTheDeadlineAndReleaseTheBill() {
        Tenant tenant = newTenant();
        String order = jpyOrder(tenant);
        String bill = billOf(tenant, order);
        GATEWAY.dropConfirms(Integer.MAX_VALUE);

        JsonNode payment = expect(post("/payments", card(bill), tenant.device()), 201);
        String id = payment.path("id").asString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo("FAILED"));
        assertThat(GATEWAY.intent(payment.path("gateway_payment_intent_id").asString()).path("status").asString())
                .isEqualTo("canceled");
        JsonNode due = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(due.path("amount_pending").toString()).isEqualTo("0");
        assertThat(due.path("amount_due").toString()).isEqualTo("3000");
        assertThat(expect(post("/orders/" + order + "/cancel", "{\"reason\":\"walked out\"}", tenant.device()), 200)
                .path("status").asString()).isEqualTo("CANCELED");
    }

    @Test
    void shouldFailAPendingPaymentWhoseIntentWasNeverRecordedAndReleaseTheBill() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        String id = expect(post("/payments", qr(bill, 1000), tenant.device()), 201).path("id").asString();
        // As if the request died between reserving the amount and recording the gateway's answer to the create.
        jdbc.sql("UPDATE payment SET gateway_intent_id = NULL WHERE id = :id").param("id", id).update();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(id)).isEqualTo("FAILED"));
        assertThat(jdbc.sql("SELECT failure_code FROM payment WHERE id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("gateway_no_answer");
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_pending").toString())
                .isEqualTo("0");
    }

    @Test
    void shouldCancelAPendingQrPaymentAtTheGatewayAndRefuseToCancelAPaidOne() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode pending = expect(post("/payments", qr(bill, 1000), tenant.device()), 201);
        String id = pending.path("id").asString();

        assertThat(post("/payments/" + id + "/cancel", "", newTenant().device()).statusCode()).isEqualTo(404);
        assertThat(post("/payments/" + id + "/cancel", "", tenant.device(), null).statusCode()).isEqualTo(400);
        JsonNode canceled = expect(post("/payments/" + id + "/cancel", "", tenant.cashier()), 200);

        assertThat(canceled.path("status").asString()).isEqualTo("FAILED");
        assertThat(canceled.path("gateway_status").asString()).isEqualTo("canceled");
        assertThat(GATEWAY.intent(pending.path("gateway_payment_intent_id").asString()).path("status").asString())
                .isEqualTo("canceled");
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_pending").toString())
                .isEqualTo("0");

        String card = expect(post("/payments", card(bill), tenant.device()), 201).path("id").asString();
        HttpResponse<String> paid = post("/payments/" + card + "/cancel", "", tenant.device());
        assertThat(paid.statusCode()).isEqualTo(409);
        assertThat(json(paid).path("code").asString()).isEqualTo("payment_unexpected_state");
        assertThat(post("/payments/" + id + "/cancel", "", PORTAL.human("PSP_ADMIN", null, null)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldKeepARefundPendingOnAnInFlightAnswerUntilItsWebhookSettlesIt() {
        Tenant tenant = newTenant();
        JsonNode payment = paidByCard(tenant);
        String id = payment.path("id").asString();
        String intent = payment.path("gateway_payment_intent_id").asString();
        GATEWAY.answerRefunds(409, "idempotency_key_in_flight");

        JsonNode refund = expect(post("/payments/" + id + "/refund", "{\"amount\":1000}", tenant.manager()), 201);
        GATEWAY.answerRefunds(0, null);

        assertThat(refund.path("status").asString()).isEqualTo("PENDING");
        assertThat(expect(get("/payments/" + id, tenant.device()), 200).path("amount_refundable").toString())
                .isEqualTo("2000");
        String gatewayRefund = GATEWAY.refunds(intent).getFirst().path("id").asString();
        // The poll reads the gateway's refunds and ties SmartTab's refund to the gateway's, sending nothing again.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT gateway_refund_id FROM refund WHERE id = :id").param("id", refund.path("id").asString())
                .query(String.class).optional()).contains(gatewayRefund));
        GATEWAY.completeRefund(intent, gatewayRefund);
        assertThat(GATEWAY.sendRefundWebhook(baseUrl(), "refund.succeeded", intent, gatewayRefund)).isEqualTo(200);

        JsonNode after = expect(get("/payments/" + id, tenant.device()), 200);
        assertThat(after.path("refunds").get(0).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(after.path("amount_refunded").toString()).isEqualTo("1000");
        assertThat(after.path("amount_refundable").toString()).isEqualTo("2000");
        assertThat(GATEWAY.refunds(intent)).hasSize(1);
    }

    @Test
    void shouldRecoverARefundThatGotNoAnswerByReadingTheGatewayThenSendingItOnce() {
        Tenant tenant = newTenant();
        JsonNode payment = paidByCard(tenant);
        String id = payment.path("id").asString();
        GATEWAY.answerRefunds(503, "service_unavailable");

        String refund = expect(post("/payments/" + id + "/refund", "{\"amount\":700}", tenant.manager()), 201)
                .path("id").asString();
        GATEWAY.answerRefunds(0, null);

        assertThat(refundStatus(refund)).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(refundStatus(refund))
                .isEqualTo("SUCCEEDED"));
        assertThat(GATEWAY.refunds(payment.path("gateway_payment_intent_id").asString())).hasSize(1);
        assertThat(expect(get("/payments/" + id, tenant.device()), 200).path("amount_refunded").toString())
                .isEqualTo("700");
    }

    @Test
    void shouldFreeTheAmountOfADefinitelyDeclinedRefund() {
        Tenant tenant = newTenant();
        JsonNode payment = paidByCard(tenant);
        String id = payment.path("id").asString();
        GATEWAY.answerRefunds(402, "provider_declined");

        JsonNode refund = expect(post("/payments/" + id + "/refund", "{\"amount\":1000}", tenant.manager()), 201);

        assertThat(refund.path("status").asString()).isEqualTo("FAILED");
        JsonNode after = expect(get("/payments/" + id, tenant.device()), 200);
        assertThat(after.path("amount_refundable").toString()).isEqualTo("3000");
        assertThat(after.path("amount_refunded").toString()).isEqualTo("0");
    }

    @Test
    void shouldNeverHandTheSameRefundToTwoPollersAtOnce() throws Exception {
        Tenant tenant = newTenant();
        String id = paidByCard(tenant).path("id").asString();
        GATEWAY.answerRefunds(503, "service_unavailable");
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(expect(post("/payments/" + id + "/refund", "{\"amount\":100}", tenant.manager()), 201)
                    .path("id").asString());
        }

        for (int round = 0; round < 10; round++) {
            jdbc.sql("UPDATE refund SET next_attempt_at = clock_timestamp() - interval '1 second' WHERE id IN (:ids)"
                    + " AND status = 'PENDING'").param("ids", pending).update();
            List<Callable<List<String>>> pollers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                pollers.add(() -> payments.claimPendingRefunds(Duration.ZERO, Duration.ofMinutes(5), 50).stream()
                        .map(Refund::id).filter(pending::contains).toList());
            }
            List<List<String>> claimed = PaymentIntegrationTests.atOnce(pollers);
            Set<String> seen = new HashSet<>();
            for (List<String> ids : claimed) {
                for (String refund : ids) {
                    assertThat(seen.add(refund)).as("refund %s claimed twice in round %d", refund, round).isTrue();
                }
            }
            // A claimed refund stays leased: claiming again at once finds none of them.
            assertThat(payments.claimPendingRefunds(Duration.ZERO, Duration.ofMinutes(5), 50).stream()
                    .map(Refund::id).filter(seen::contains)).isEmpty();
        }
    }

    @Test
    void shouldFlagASuccessWhoseAmountCurrencyOrMerchantDiffersInsteadOfPayingTheBill() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode short1 = expect(post("/payments", qr(bill, 1000), tenant.device()), 201);
        JsonNode other = expect(post("/payments", qr(bill, 1000), tenant.device()), 201);
        JsonNode foreign = expect(post("/payments", qr(bill, 1000), tenant.device()), 201);
        String shortIntent = short1.path("gateway_payment_intent_id").asString();
        String otherIntent = other.path("gateway_payment_intent_id").asString();
        String foreignIntent = foreign.path("gateway_payment_intent_id").asString();
        GATEWAY.pay(shortIntent).put("amount_received", 900);
        GATEWAY.pay(otherIntent).put("currency", "USD");
        GATEWAY.pay(foreignIntent).put("merchant_id", "mer_someone_else");
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", foreignIntent,
                com.mpac.smarttab.support.GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);

        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", shortIntent,
                com.mpac.smarttab.support.GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded", otherIntent,
                com.mpac.smarttab.support.GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);

        for (String id : List.of(short1.path("id").asString(), other.path("id").asString(),
                foreign.path("id").asString())) {
            assertThat(status(id)).isEqualTo("PENDING");
            assertThat(review(id)).isEqualTo("gateway_mismatch");
        }
        JsonNode after = expect(get("/bills/" + bill, tenant.device()), 200);
        assertThat(after.path("amount_paid").toString()).isEqualTo("0");
        assertThat(after.path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void shouldKeepTheGatewayStatusOfASucceededPaymentAndFlagALateSuccessOfAFailedOne() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode card = expect(post("/payments", card(bill).replace("}", ",\"amount\":1000}"), tenant.device()),
                201);
        String cardIntent = card.path("gateway_payment_intent_id").asString();
        ((tools.jackson.databind.node.ObjectNode) GATEWAY.intent(cardIntent)).put("status", "processing");
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.processing", cardIntent,
                com.mpac.smarttab.support.GatewayStub.WEBHOOK_SECRET)).isEqualTo(200);
        assertThat(jdbc.sql("SELECT gateway_status FROM payment WHERE id = :id")
                .param("id", card.path("id").asString()).query(String.class).single()).isEqualTo("succeeded");

        JsonNode qr = expect(post("/payments", qr(bill, 1000), tenant.device()), 201);
        String id = qr.path("id").asString();
        expect(post("/payments/" + id + "/cancel", "", tenant.device()), 200);
        GATEWAY.pay(qr.path("gateway_payment_intent_id").asString());
        assertThat(GATEWAY.sendWebhook(baseUrl(), "payment_intent.succeeded",
                qr.path("gateway_payment_intent_id").asString(), com.mpac.smarttab.support.GatewayStub.WEBHOOK_SECRET))
                .isEqualTo(200);

        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(review(id)).isEqualTo("succeeded_after_failure");
        assertThat(expect(get("/bills/" + bill, tenant.device()), 200).path("amount_paid").toString())
                .isEqualTo("1000");
    }

    @Test
    void shouldCountEarlierRefundsAgainstACashiersLimit() {
        Tenant tenant = newTenant();
        String bill = billOf(tenant, expect(post("/orders", """
                {"currency":"JPY","items":[{"name":"Omakase","quantity":1,"unit_price":20000}]}
                """, tenant.device()), 201).path("id").asString());
        String id = expect(post("/payments", card(bill), tenant.device()), 201).path("id").asString();

        expect(post("/payments/" + id + "/refund", "{\"amount\":3000}", tenant.cashier()), 201);
        HttpResponse<String> second = post("/payments/" + id + "/refund", "{\"amount\":3000}", tenant.device());

        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(json(second).path("code").asString()).isEqualTo("refund_requires_manager");
        expect(post("/payments/" + id + "/refund", "{\"amount\":2000}", tenant.device()), 201);
        expect(post("/payments/" + id + "/refund", "{\"amount\":3000}", tenant.manager()), 201);
    }

    private String review(String paymentId) {
        return jdbc.sql("SELECT review_code FROM payment WHERE id = :id").param("id", paymentId)
                .query(String.class).single();
    }

    private JsonNode paidByCard(Tenant tenant) {
        String bill = billOf(tenant, jpyOrder(tenant));
        JsonNode payment = expect(post("/payments", card(bill), tenant.device()), 201);
        assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED");
        return payment;
    }

    private String status(String paymentId) {
        return jdbc.sql("SELECT status FROM payment WHERE id = :id").param("id", paymentId).query(String.class)
                .single();
    }

    private String refundStatus(String refundId) {
        return jdbc.sql("SELECT status FROM refund WHERE id = :id").param("id", refundId).query(String.class)
                .single();
    }

    private static String card(String bill) {
        return "{\"bill_id\":\"" + bill + "\",\"method\":\"card\",\"provider\":\"sandbox\","
                + "\"payment_method\":\"pm_card_visa\"}";
    }

    private static String qr(String bill, int amount) {
        return "{\"bill_id\":\"" + bill + "\",\"method\":\"qr\",\"provider\":\"sandbox\",\"payment_method\":\"pm_qr\","
                + "\"amount\":" + amount + "}";
    }
}
