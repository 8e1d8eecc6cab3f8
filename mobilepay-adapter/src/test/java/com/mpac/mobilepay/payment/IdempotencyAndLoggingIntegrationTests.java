package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

@ExtendWith(OutputCaptureExtension.class)
class IdempotencyAndLoggingIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldReplayAPostStartSentAgainWithTheSameIdempotencyKey() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        Map<String, Object> body = Map.of("orderId", "o-idem", "amount", "10", "terminalId", m.terminalId(),
                "currencyCode", "DKK");

        HttpResponse<String> first = api().post(m, "/api/pos/payment/start", body, Map.of("Idempotency-Key", "k-1"));
        HttpResponse<String> again = api().post(m, "/api/pos/payment/start", body, Map.of("Idempotency-Key", "k-1"));
        HttpResponse<String> otherBody = api().post(m, "/api/pos/payment/start",
                Map.of("orderId", "o-other", "amount", "11", "terminalId", m.terminalId(), "currencyCode", "DKK"),
                Map.of("Idempotency-Key", "k-1"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(api().json(otherBody).get("message").asString()).contains("Idempotency-Key");
        assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE pos_id = :p").param("p", pm.posId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNeverLogTheAccessToken(CapturedOutput output) {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        api().start(m, "o-log", "10");
        api().get(m, "/api/pos/payment/status", Map.of("paymentId", "pay_missing"));
        api().get(m, "/api/pos/payment/start", Map.of("orderId", "o", "amount", "x", "terminalId", "t",
                "currencyCode", "DKK"));
        api().get(m.withToken(m.accessToken() + "x"), "/api/pos/manage/stores", Map.of());

        assertThat(output.getAll()).doesNotContain(m.accessToken());
    }
}
