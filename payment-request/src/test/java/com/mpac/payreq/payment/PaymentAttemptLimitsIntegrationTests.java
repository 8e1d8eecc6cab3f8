package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** The hosted page's rate limits: declined payments per request, every attempt per client address. */
@TestPropertySource(properties = { "mpac.payreq.attempts.per-request=3", "mpac.payreq.attempts.per-address=20" })
class PaymentAttemptLimitsIntegrationTests extends PaymentRequestIntegrationTest {

    private static final Map<String, String> INVALID = Map.of("cardNumber", "4111111111111112", "expiry", "12/30",
            "cvv", "123");

    @BeforeEach
    void forgetEarlierAttempts() {
        // Every test here comes from the same address (localhost); each starts with its window empty.
        jdbc.sql("DELETE FROM payment_attempt").update();
    }

    @Test
    void shouldNotLetInvalidAttemptsBlockARequestButStopItAfterTooManyDeclines() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        for (int i = 0; i < 10; i++) {
            assertThat(api().pay(id, INVALID).statusCode()).isEqualTo(400);
        }
        assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);
        for (int i = 0; i < 3; i++) {
            assertThat(api().pay(id, PaymentRequestApi.card("4000000000000002", "")).statusCode()).isEqualTo(303);
        }

        HttpResponse<String> limited = api().pay(id, PaymentRequestApi.card("4111111111111111", ""));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many declined payments");
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("currentUsageCount").asInt())
                .isOne();
        String other = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        assertThat(api().pay(other, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);
    }

    @Test
    void shouldCountEveryAttemptFromAnAddress() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        for (int i = 0; i < 20; i++) {
            assertThat(api().pay(id, INVALID).statusCode()).isEqualTo(400);
        }

        HttpResponse<String> limited = api().pay(id, PaymentRequestApi.card("4111111111111111", ""));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many payment attempts");
        String other = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        assertThat(api().pay(other, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(429);
    }
}
