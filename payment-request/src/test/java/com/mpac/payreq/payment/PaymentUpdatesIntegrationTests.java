package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** The merchant's WebSocket: a client connected before a payment receives its result in real time. */
class PaymentUpdatesIntegrationTests extends PaymentRequestIntegrationTest {

    @Test
    void shouldPushEachPaymentToEveryClientConnectedWithTheRequestsToken() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode created = api().create(merchant, Map.of("usageCountLimit", 2));
        String id = created.get("paymentRequestID").asString();
        Listener first = Listener.connect(created.get("webSocketURL").asString(), json);
        Listener second = Listener.connect(created.get("webSocketURL").asString(), json);
        JsonNode otherRequest = api().create(merchant, Map.of());
        Listener other = Listener.connect(otherRequest.get("webSocketURL").asString(), json);
        for (Listener listener : List.of(first, second, other)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !listener.messages.isEmpty());
        }
        assertThat(first.messages.get(0).get("type").asString()).isEqualTo("connected");
        assertThat(first.messages.get(0).get("paymentRequestID").asString()).isEqualTo(id);
        assertThat(first.messages.get(0).get("currentUsageCount").asInt()).isZero();

        api().pay(id, PaymentRequestApi.card("4000000000000002", ""));
        api().pay(id, PaymentRequestApi.card("4111111111111111", "12.50"));

        for (Listener listener : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() == 3);
            JsonNode declined = listener.messages.get(1);
            assertThat(declined.get("type").asString()).isEqualTo("transaction");
            assertThat(declined.get("result").asString()).isEqualTo("DECLINED");
            assertThat(declined.get("declineReason").asString()).isEqualTo("Card declined");
            assertThat(declined.get("currentUsageCount").asInt()).isZero();
            JsonNode approved = listener.messages.get(2);
            assertThat(approved.get("paymentRequestID").asString()).isEqualTo(id);
            assertThat(approved.get("result").asString()).isEqualTo("APPROVED");
            assertThat(approved.get("tipAmount").decimalValue()).isEqualByComparingTo("12.50");
            assertThat(approved.get("totalAmount").decimalValue()).isEqualByComparingTo("117.50");
            assertThat(approved.get("maskedPAN").asString()).isEqualTo("411111******1111");
            assertThat(approved.get("processorReference").asString()).startsWith("SBX-");
            assertThat(approved.get("currentUsageCount").asInt()).isEqualTo(1);
            assertThat(approved.get("status").asInt()).isEqualTo(2);
            assertThat(approved.toString()).doesNotContain("4111111111111111");
        }
        assertThat(other.messages).hasSize(1);
        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        api().pay(id, PaymentRequestApi.card("5555555555554444", ""));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.messages.size() == 4);
        assertThat(second.messages.get(3).get("status").asInt()).isEqualTo(4);
        assertThat(first.messages).hasSize(3);
    }

    @Test
    void shouldDeliverAPaymentTakenByAnotherInstance() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode created = api().create(merchant, Map.of());
        String id = created.get("paymentRequestID").asString();
        Listener client = Listener.connect(created.get("webSocketURL").asString(), json);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.messages.isEmpty());

        // What another instance's payment transaction sends on commit.
        jdbc.sql("SELECT pg_notify('payreq_payment', :message)")
                .param("message", "{\"type\":\"transaction\",\"paymentRequestID\":\"" + id
                        + "\",\"transactionID\":\"t-elsewhere\",\"result\":\"APPROVED\"}")
                .query((rs, n) -> 1).list();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.size() == 2);
        assertThat(client.messages.get(1).get("transactionID").asString()).isEqualTo("t-elsewhere");
    }

    @Test
    void shouldSendNothingForARefusedPaymentNorForAnotherRequest() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode created = api().create(merchant, Map.of("usageCountLimit", 1));
        String id = created.get("paymentRequestID").asString();
        api().pay(id, PaymentRequestApi.card("4111111111111111", ""));
        Listener client = Listener.connect(created.get("webSocketURL").asString(), json);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.messages.isEmpty());

        int refused = api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode();
        api().pay(api().create(merchant, Map.of()).get("paymentRequestID").asString(),
                PaymentRequestApi.card("4111111111111111", ""));

        assertThat(refused).isEqualTo(409);
        assertThat(client.messages).hasSize(1);
        assertThat(client.messages.get(0).get("status").asInt()).isEqualTo(4);
    }

    @Test
    void shouldRefuseAWrongTokenAtTheHandshake() {
        Merchant merchant = api().onboard();
        api().create(merchant, Map.of());

        for (String query : List.of("?token=not-a-token", "?token=", "")) {
            assertThatThrownBy(() -> Listener.connect("ws://localhost:" + port + "/ws/PaymentRequest" + query, json))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            ex -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void shouldRedactTheTokenInTheRequestLogLine(CapturedOutput output) throws Exception {
        Merchant merchant = api().onboard();
        JsonNode created = api().create(merchant, Map.of());
        String token = created.get("webSocketToken").asString();

        Listener listener = Listener.connect(created.get("webSocketURL").asString(), json);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !listener.messages.isEmpty());
        listener.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("com.mpac.request") && line.contains("path=/ws/PaymentRequest")))
                .anySatisfy(line -> assertThat(line).contains("query=token=***")));
        assertThat(output.getAll()).doesNotContain(token);
    }

    static final class Listener implements WebSocket.Listener {

        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final JsonMapper json;
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        private Listener(JsonMapper json) {
            this.json = json;
        }

        static Listener connect(String url, JsonMapper json) throws Exception {
            Listener listener = new Listener(json);
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(json.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
