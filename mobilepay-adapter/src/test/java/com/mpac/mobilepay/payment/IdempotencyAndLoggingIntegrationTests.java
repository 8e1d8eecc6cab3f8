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
    void shouldLogEveryRequestOnOneLineWithTheCredentialsRedacted(CapturedOutput output) {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-log", "10").get("paymentId").asString();
        api().get(m, "/api/pos/payment/status", Map.of("paymentId", paymentId));
        api().get(m, "/api/pos/payment/status", Map.of("paymentId", "pay_missing"));
        api().get(m, "/api/pos/payment/start", Map.of("orderId", "o", "amount", "x", "terminalId", "t",
                "currencyCode", "DKK"));
        api().get(m.withToken(m.accessToken() + "x"), "/api/pos/manage/stores", Map.of());
        api().raw("GET", "/api/pos/manage/token/reset?bioCode=" + m.bioCode() + "&previousAccessToken="
                + m.accessToken() + "x", null, Map.of("traceparent",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        assertThat(output.getAll()).doesNotContain(m.accessToken()).doesNotContain(m.bioCode());
        assertThat(lines(output, "path=/api/pos/payment/status ")).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("method=GET").contains("status=200")
                        .containsPattern("durationMs=\\d+")
                        .contains("query=paymentId=" + paymentId + "&accessToken=***&bioCode=***"))
                .anySatisfy(line -> assertThat(line).contains("status=404")
                        .contains("query=paymentId=pay_missing&accessToken=***&bioCode=***"));
        assertThat(lines(output, "path=/api/pos/payment/start ")).anySatisfy(line -> assertThat(line)
                .contains("status=400").contains("amount=x").contains("accessToken=***"));
        assertThat(lines(output, "path=/api/pos/manage/stores ")).singleElement().satisfies(line -> assertThat(line)
                .contains("status=401").contains("query=accessToken=***&bioCode=***"));
        assertThat(lines(output, "path=/api/pos/manage/token/reset ")).singleElement().satisfies(line -> assertThat(
                line).contains("status=401").contains("traceId=4bf92f3577b34da6a3ce929d0e0e4736")
                .contains("query=bioCode=***&previousAccessToken=***"));
    }

    private static java.util.List<String> lines(CapturedOutput output, String path) {
        return output.getAll().lines().filter(line -> line.contains("request method=") && line.contains(path))
                .toList();
    }
}
