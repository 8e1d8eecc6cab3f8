package com.mpac.pgw.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mpac.pgw.support.TestMerchant;
import com.mpac.pgw.support.WebhookInbox;
import com.standardwebhooks.Webhook;

import tools.jackson.databind.json.JsonMapper;

/** svc-smarttab, a platform subscriber from configuration, receives every merchant's events, signed with its secret. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mpac.sandbox-enabled=true", "mpac.pgw.webhooks.poll-interval=100ms" })
class PlatformSubscriberIntegrationTests {

    private static final String SECRET = "whsec_c21hcnR0YWItc3Vic2NyaWJlci1zZWNyZXQtMzJieXRlcyE=";
    private static final WebhookInbox SMARTTAB = startInbox();

    @DynamicPropertySource
    static void subscriber(DynamicPropertyRegistry registry) {
        registry.add("mpac.pgw.webhooks.platform-subscribers[0].name", () -> "svc-smarttab");
        registry.add("mpac.pgw.webhooks.platform-subscribers[0].url", SMARTTAB::url);
        registry.add("mpac.pgw.webhooks.platform-subscribers[0].secret", () -> SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @AfterAll
    static void stop() {
        SMARTTAB.close();
    }

    @Test
    void shouldDeliverEveryMerchantsEventsToThePlatformSubscriberButNotShowItToMerchants() throws Exception {
        TestMerchant first = TestMerchant.onboard(port, json, null);
        TestMerchant second = TestMerchant.onboard(port, json, null);
        String a = first.createIntent("{\"amount\":100,\"currency\":\"JPY\"}").get("id").asString();
        String b = second.createIntent("{\"amount\":200,\"currency\":\"JPY\"}").get("id").asString();
        second.confirm(b, "sandbox", "pm_card_visa");

        await().atMost(Duration.ofSeconds(15)).until(() -> SMARTTAB.received().size() >= 3);

        assertThat(SMARTTAB.received()).extracting(r -> json.readTree(r.body()).get("data").get("object").get("id")
                .asString()).contains(a, b);
        Webhook verifier = new Webhook(SECRET);
        for (WebhookInbox.Received received : SMARTTAB.received()) {
            HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of(received.header("webhook-id")),
                    "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                    "webhook-signature", List.of(received.header("webhook-signature"))), (x, y) -> true);
            assertThatNoException().isThrownBy(() -> verifier.verify(received.body(), headers));
        }
        String eventId = SMARTTAB.received().getFirst().header("webhook-id");
        String owner = json.readTree(SMARTTAB.received().getFirst().body()).get("merchant_id").asString();
        TestMerchant merchant = owner.equals(first.id()) ? first : second;
        assertThat(json.readTree(merchant.get("/v1/events/" + eventId).body()).get("deliveries")).isEmpty();
    }

    private static WebhookInbox startInbox() {
        try {
            return new WebhookInbox();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
