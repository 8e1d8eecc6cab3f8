package com.mpac.pgw.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.pgw.support.FastJobsTest;
import com.mpac.pgw.support.TestMerchant;
import com.mpac.pgw.support.WebhookInbox;
import com.standardwebhooks.Webhook;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@FastJobsTest
class WebhookDeliveryIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    WebhookInbox inbox;
    TestMerchant merchant;

    @BeforeEach
    void setUp() throws Exception {
        inbox = new WebhookInbox();
        merchant = TestMerchant.onboard(port, json, inbox.url());
    }

    @AfterEach
    void tearDown() {
        inbox.close();
    }

    @Test
    void shouldSendEachStepAsAStandardWebhookTheReferenceLibraryVerifies() throws Exception {
        String id = merchant.createIntent("{\"amount\":1500,\"currency\":\"JPY\"}").get("id").asString();
        merchant.confirm(id, "sandbox", "pm_card_visa");
        merchant.post("/v1/payment_intents/" + id + "/refund", "{\"amount\":500}");

        await().atMost(DEADLINE).until(() -> inbox.received().size() >= 3);
        List<String> types = inbox.received().stream().map(r -> json.readTree(r.body()).get("type").asString())
                .toList();
        assertThat(types).containsExactlyInAnyOrder("payment_intent.created", "payment_intent.succeeded",
                "refund.succeeded");
        Webhook verifier = new Webhook(TestMerchant.WEBHOOK_SECRET);
        for (WebhookInbox.Received received : inbox.received()) {
            assertThatNoException().isThrownBy(() -> verifier.verify(received.body(), headersOf(received)));
            JsonNode event = json.readTree(received.body());
            assertThat(received.header("webhook-id")).isEqualTo(event.get("id").asString()).startsWith("evt_");
            assertThat(event.get("merchant_id").asString()).isEqualTo(merchant.id());
        }
        JsonNode succeeded = json.readTree(inbox.ofType("payment_intent.succeeded").getFirst().body());
        assertThat(succeeded.get("data").get("object").get("amount_received").asLong()).isEqualTo(1500);
        assertThat(succeeded.get("data").get("object").has("client_secret")).isFalse();
    }

    @Test
    void shouldSendEveryLifecycleEventOfTheIntentsItMovesVerifiably() throws Exception {
        String held = merchant.createIntent("{\"amount\":900,\"currency\":\"JPY\",\"capture_method\":\"manual\"}")
                .get("id").asString();
        merchant.confirm(held, "sandbox", "pm_card_visa");
        merchant.post("/v1/payment_intents/" + held + "/capture", "{\"amount_to_capture\":600}");
        String declined = merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();
        merchant.confirm(declined, "sandbox", "pm_card_insufficient_funds");
        String scanned = merchant.createIntent("{\"amount\":200,\"currency\":\"JPY\"}").get("id").asString();
        merchant.confirm(scanned, "sandbox", "pm_qr");
        merchant.post("/v1/payment_intents/" + scanned + "/cancel", "{}");
        String timedOut = merchant.createIntent("{\"amount\":300,\"currency\":\"JPY\"}").get("id").asString();
        merchant.confirm(timedOut, "sandbox", "pm_card_timeout");

        await().atMost(DEADLINE).until(() -> eventsOf(timedOut).contains("payment_intent.succeeded"));
        await().atMost(DEADLINE).until(() -> eventsOf(held).contains("payment_intent.succeeded"));

        assertThat(eventsOf(held)).containsExactlyInAnyOrder("payment_intent.created",
                "payment_intent.amount_capturable_updated", "payment_intent.succeeded");
        assertThat(eventsOf(declined)).containsExactlyInAnyOrder("payment_intent.created", "payment_intent.payment_failed");
        assertThat(eventsOf(scanned)).containsExactlyInAnyOrder("payment_intent.created", "payment_intent.requires_action",
                "payment_intent.canceled");
        assertThat(eventsOf(timedOut)).containsExactlyInAnyOrder("payment_intent.created", "payment_intent.processing",
                "payment_intent.succeeded");
        JsonNode failed = json.readTree(eventOf(declined, "payment_intent.payment_failed").body());
        assertThat(failed.get("data").get("object").get("last_payment_error").get("code").asString())
                .isEqualTo("insufficient_funds");
        JsonNode capturable = json.readTree(eventOf(held, "payment_intent.amount_capturable_updated").body());
        assertThat(capturable.get("data").get("object").get("amount_capturable").asLong()).isEqualTo(900);
        JsonNode captured = json.readTree(eventOf(held, "payment_intent.succeeded").body());
        assertThat(captured.get("data").get("object").get("amount_received").asLong()).isEqualTo(600);
        Webhook verifier = new Webhook(TestMerchant.WEBHOOK_SECRET);
        for (WebhookInbox.Received received : inbox.received()) {
            assertThatNoException().isThrownBy(() -> verifier.verify(received.body(), headersOf(received)));
        }
    }

    @Test
    void shouldRetryAFailingEndpointWithTheSameWebhookIdUntilItAnswers() {
        inbox.answer(500);
        merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}");

        await().atMost(DEADLINE).until(() -> inbox.received().size() >= 2);
        inbox.answer(204);
        await().atMost(DEADLINE).until(() -> deliveryStatus(merchant.id()).equals("succeeded"));

        List<WebhookInbox.Received> attempts = inbox.received();
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(attempts.getFirst()
                .header("webhook-id"));
        String eventId = attempts.getFirst().header("webhook-id");
        JsonNode log = json.readTree(merchant.get("/v1/events/" + eventId).body());
        JsonNode delivery = log.get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
        assertThat(delivery.get("attempt_log").size()).isEqualTo(attempts.size());
        assertThat(delivery.get("attempt_log").get(0).get("response_status").asInt()).isEqualTo(500);
        assertThat(delivery.get("last_response_status").asInt()).isEqualTo(204);
    }

    @Test
    void shouldGiveUpAfterTheScheduleAndRedeliverOnRequest() {
        inbox.answer(503);
        merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}");
        await().atMost(DEADLINE).until(() -> deliveryStatus(merchant.id()).equals("failed"));
        assertThat(inbox.received()).hasSize(4);

        inbox.answer(200);
        String eventId = inbox.received().getFirst().header("webhook-id");
        HttpResponse<String> redelivered = merchant.post("/v1/events/" + eventId + "/redeliver", "{}");

        assertThat(redelivered.statusCode()).isEqualTo(200);
        assertThat(json.readTree(redelivered.body()).get("deliveries_queued").asInt()).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> deliveryStatus(merchant.id()).equals("succeeded"));
        assertThat(inbox.received()).hasSize(5);
    }

    @Test
    void shouldDisableAnEndpointThatAnswers410() {
        inbox.answer(410);
        merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}");
        await().atMost(DEADLINE).until(() -> deliveryStatus(merchant.id()).equals("abandoned"));

        merchant.createIntent("{\"amount\":200,\"currency\":\"JPY\"}");

        assertThat(inbox.received()).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM disabled_webhook_endpoint WHERE endpoint_id = :id")
                .param("id", "we_" + merchant.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
                WHERE e.merchant_id = :m
                """).param("m", merchant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldKeepEventsAndTheirLogsToTheirMerchant() {
        TestMerchant other = TestMerchant.onboard(port, json, null);
        merchant.createIntent("{\"amount\":100,\"currency\":\"JPY\"}");
        await().atMost(DEADLINE).until(() -> !inbox.received().isEmpty());
        String eventId = inbox.received().getFirst().header("webhook-id");

        assertThat(other.get("/v1/events/" + eventId).statusCode()).isEqualTo(404);
        assertThat(other.post("/v1/events/" + eventId + "/redeliver", "{}").statusCode()).isEqualTo(404);
        assertThat(json.readTree(other.get("/v1/events").body()).get("data")).isEmpty();
        assertThat(json.readTree(merchant.get("/v1/events?type=payment_intent.created").body()).get("data"))
                .hasSize(1);
    }

    /** The types of the events received for one intent (deliveries are not ordered). */
    private List<String> eventsOf(String intentId) {
        return inbox.received().stream().map(r -> json.readTree(r.body()))
                .filter(event -> event.get("data").get("object").get("id").asString().equals(intentId))
                .map(event -> event.get("type").asString()).toList();
    }

    private WebhookInbox.Received eventOf(String intentId, String type) {
        return inbox.ofType(type).stream()
                .filter(r -> json.readTree(r.body()).get("data").get("object").get("id").asString().equals(intentId))
                .findFirst().orElseThrow();
    }

    private static HttpHeaders headersOf(WebhookInbox.Received received) {
        return HttpHeaders.of(Map.of("webhook-id", List.of(received.header("webhook-id")),
                "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                "webhook-signature", List.of(received.header("webhook-signature"))), (a, b) -> true);
    }

    private String deliveryStatus(String merchantId) {
        return jdbc.sql("""
                SELECT d.status FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
                WHERE e.merchant_id = :m ORDER BY d.id LIMIT 1
                """).param("m", merchantId).query(String.class).optional().orElse("none");
    }
}
