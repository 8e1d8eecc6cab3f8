package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.contracts.qr.EmvQr;
import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class CheckoutIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldAnswerAVietQrPayloadItsPngAndExpiry() throws Exception {
        Merchant merchant = api().onboard();
        Instant before = Instant.now();

        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 100000);

        assertThat(checkout.at("/transaction/number").stringValue()).matches("TXN\\d{6,}");
        assertThat(checkout.at("/transaction/status").stringValue()).isEqualTo("100_NEW");
        assertThat(checkout.at("/transaction/total").stringValue()).isEqualTo("100000.0000");
        assertThat(checkout.at("/attempt/code").stringValue()).matches("ATT\\d{6,}");
        assertThat(checkout.at("/attempt/status").stringValue()).isEqualTo("204_SENT");
        assertThat(checkout.at("/attempt/provider").stringValue()).isEqualTo("VNPAY_QR_MMS");
        assertThat(checkout.at("/attempt/method").stringValue()).isEqualTo("100_QR_CODE");
        String qrCode = checkout.at("/payment/qrCode").stringValue();
        List<EmvQr.Field> fields = EmvQr.parse(qrCode).orElseThrow();
        assertThat(fields).contains(new EmvQr.Field("53", "704"), new EmvQr.Field("54", "100000"),
                new EmvQr.Field("58", "VN"));
        EmvQr.Field napas = fields.stream().filter(f -> f.id().equals("38")).findFirst().orElseThrow();
        assertThat(napas.sub("00")).hasValue("A000000727");
        assertThat(fields.stream().filter(f -> f.id().equals("62")).findFirst().orElseThrow().sub("01"))
                .hasValue(checkout.at("/attempt/code").stringValue());
        Instant expiresAt = Instant.parse(checkout.at("/payment/expiresAt").stringValue());
        assertThat(expiresAt).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        assertThat(decodePng(checkout.at("/payment/qrUrl").stringValue())).isEqualTo(qrCode);
    }

    @Test
    void shouldTakeAnAbsoluteExpiration() {
        Merchant merchant = api().onboard();
        Instant at = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String body = MqPayApi.checkoutBody(MqPayApi.newSource(), "VNPAY_QR_MMS", "100_QR_CODE", 50000, null)
                .replace("{\"mode\":\"duration\",\"milliseconds\":300000}",
                        "{\"mode\":\"absolute\",\"expiresAt\":\"" + at + "\"}");

        JsonNode checkout = api().ok(api().post(merchant, "/payments/checkout", body));

        assertThat(Instant.parse(checkout.at("/payment/expiresAt").stringValue())).isEqualTo(at);
    }

    @Test
    void shouldOpenACashAttemptWithoutQrOrExpiry() {
        Merchant merchant = api().onboard(false);

        JsonNode checkout = api().checkoutCash(merchant, MqPayApi.newSource(), 75000);

        assertThat(checkout.at("/attempt/status").stringValue()).isEqualTo("100_NEW");
        assertThat(checkout.at("/attempt/provider").stringValue()).isEqualTo("SYSTEM");
        assertThat(checkout.at("/payment/amount").stringValue()).isEqualTo("75000.0000");
        assertThat(checkout.at("/payment/qrCode").isNull()).isTrue();
        assertThat(checkout.at("/payment/expiresAt").isNull()).isTrue();
    }

    @Test
    void shouldAddASecondAttemptToTheSameSourceAndKeepTheFirstTotal() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode first = api().ok(api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 30000L)));

        JsonNode second = api().checkoutQr(merchant, order, 100000);
        HttpResponse<String> otherTotal = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 90000, null));
        HttpResponse<String> nothingLeft = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 5000L));

        assertThat(second.at("/transaction/id")).isEqualTo(first.at("/transaction/id"));
        assertThat(second.at("/payment/amount").stringValue()).isEqualTo("70000.0000");
        assertThat(otherTotal.statusCode()).isEqualTo(422);
        assertThat(api().json(otherTotal).at("/error/code").stringValue()).isEqualTo("TOTAL_MISMATCH");
        assertThat(nothingLeft.statusCode()).isEqualTo(422);
        assertThat(api().json(nothingLeft).at("/error/code").stringValue()).isEqualTo("AMOUNT_EXCEEDS_REMAINING");
        assertThat(attempts(first.at("/transaction/id").stringValue())).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheOpenAttemptAgainWhenACheckoutIsRepeated() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();

        JsonNode first = api().checkoutQr(merchant, order, 100000);
        JsonNode retry = api().checkoutQr(merchant, order, 100000);

        assertThat(retry.at("/attempt/id")).isEqualTo(first.at("/attempt/id"));
        assertThat(retry.at("/payment/qrCode")).isEqualTo(first.at("/payment/qrCode"));
        assertThat(retry.at("/payment/expiresAt")).isEqualTo(first.at("/payment/expiresAt"));
        assertThat(attempts(first.at("/transaction/id").stringValue())).isEqualTo(1);
    }

    @Test
    void shouldRefuseAttemptsOnASettledTransaction() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode cash = api().checkoutCash(merchant, order, 20000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 20000);

        HttpResponse<String> again = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "VNPAY_QR_MMS", "100_QR_CODE", 20000, null));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api().json(again).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
        assertThat(api().json(again).at("/error/message").stringValue()).contains("304_SETTLED");
    }

    @Test
    void shouldRefuseAttemptsOnAClosedTransaction() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode cash = api().checkoutCash(merchant, order, 20000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 20000);
        api().ok(api().refund(merchant, cash.at("/attempt/id").stringValue(), 20000));
        String transactionId = cash.at("/transaction/id").stringValue();
        assertThat(api().ok(api().get(merchant, "/transactions/" + transactionId)).at("/status").stringValue())
                .isEqualTo("404_CLOSED");

        HttpResponse<String> again = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 20000, null));
        HttpResponse<String> created = api().post(merchant, "/payment-attempts", "{\"transactionId\":\""
                + transactionId + "\",\"provider\":\"SYSTEM\",\"method\":\"200_CASH\"}");

        for (HttpResponse<String> refused : List.of(again, created)) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(api().json(refused).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
            assertThat(api().json(refused).at("/error/message").stringValue()).contains("404_CLOSED");
        }
        assertThat(attempts(transactionId)).isEqualTo(2);
    }

    @Test
    void shouldAnswerProviderNotConfiguredAndWriteNothing() {
        Merchant disabled = api().onboard(false);
        String order = MqPayApi.newSource();

        HttpResponse<String> response = api().post(disabled, "/payments/checkout",
                MqPayApi.checkoutBody(order, "VNPAY_QR_MMS", "100_QR_CODE", 100000, null));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("PROVIDER_NOT_CONFIGURED");
        assertThat(transactions(disabled.id())).isZero();
    }

    @Test
    void shouldRefuseBadInputWithTheEnvelopeAndWriteNothing() {
        Merchant merchant = api().onboard();
        String valid = MqPayApi.checkoutBody("bad-input-order", "VNPAY_QR_MMS", "100_QR_CODE", 100000, null);
        List<String> bad = List.of(
                "{\"source\":",
                "",
                "[]",
                valid.replace("\"total\":100000", "\"total\":\"lots\""),
                valid.replace("\"total\":100000", "\"total\":-5"),
                valid.replace("\"total\":100000", "\"total\":0"),
                valid.replace("\"total\":100000", "\"total\":100000.5"),
                valid.replace("\"total\":100000", "\"total\":1e15"),
                valid.replace("\"total\":100000", "\"total\":99999999999999999999999999999"),
                valid.replace("\"total\":100000,", ""),
                valid.replace("\"VNPAY_QR_MMS\"", "\"PAYPAL\""),
                valid.replace("\"100_QR_CODE\"", "\"999_TELEPATHY\""),
                valid.replace("\"100_QR_CODE\"", "\"200_CASH\""),
                valid.replace("\"VND\"", "\"USD\""),
                valid.replace("\"type\":\"Order\",", ""),
                valid.replace("\"id\":\"bad-input-order\"", "\"id\":42"),
                valid.replace("\"milliseconds\":300000", "\"milliseconds\":10"),
                valid.replace("\"milliseconds\":300000", "\"milliseconds\":999999999999"),
                valid.replace("\"mode\":\"duration\"", "\"mode\":\"forever\""),
                valid.replace("\"currency\":\"VND\"", "\"currency\":\"VND\",\"amount\":200000"),
                valid.replace("\"id\":\"bad-input-order\"", "\"id\":\"bad\\u0000order\""),
                valid.replace("\"uid\":\"ORD-bad-input-order\"", "\"uid\":\"ORD-\\u0000\""));

        for (String body : bad) {
            HttpResponse<String> response = api().post(merchant, "/payments/checkout", body);

            assertThat(response.statusCode()).as(body).isIn(400, 422);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(body)
                    .startsWith("application/json");
            JsonNode error = api().json(response).at("/error");
            assertThat(error.at("/code").stringValue()).as(body)
                    .isIn("VALIDATION_ERROR", "AMOUNT_EXCEEDS_REMAINING");
            assertThat(error.at("/message").stringValue()).as(body).isNotBlank();
        }
        assertThat(transactions(merchant.id())).isZero();
    }

    @Test
    void shouldAnswerUnauthorizedInTheEnvelopeWithoutAValidSignature() {
        Merchant merchant = api().onboard();
        String body = MqPayApi.checkoutBody(MqPayApi.newSource(), "SYSTEM", "200_CASH", 1000, null);
        Map<String, String> headers = merchant.signer().headers("POST", URI.create("/api/mq-pay/payments/checkout"),
                body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> forged = new java.util.HashMap<>(headers);
        forged.put("X-MPAC-Signature", "v1=" + "0".repeat(64));

        HttpResponse<String> unsigned = api().postPublic("/payments/checkout", body);
        HttpResponse<String> wrongSignature = new com.mpac.testsupport.TestHttp("http://localhost:" + port)
                .post("/api/mq-pay/payments/checkout", body, forged);
        HttpResponse<String> tamperedBody = new com.mpac.testsupport.TestHttp("http://localhost:" + port)
                .post("/api/mq-pay/payments/checkout", body.replace("1000", "9000"), headers);

        for (HttpResponse<String> response : List.of(unsigned, wrongSignature, tamperedBody)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(transactions(merchant.id())).isZero();
    }

    @Test
    void shouldReplayTheFirstAnswerForARepeatedIdempotencyKey() {
        Merchant merchant = api().onboard();
        String body = MqPayApi.checkoutBody(MqPayApi.newSource(), "VNPAY_QR_MMS", "100_QR_CODE", 100000, null);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> first = api().post(merchant, "/payments/checkout", body, key);
        HttpResponse<String> replay = api().post(merchant, "/payments/checkout", body, key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(attempts(api().json(first).at("/transaction/id").stringValue())).isEqualTo(1);
    }

    @Test
    void shouldOpenOneTransactionAndOneAttemptWhenCheckoutsOfOneSourceRace() throws Exception {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        String body = MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 10000L);

        List<java.util.concurrent.Callable<Integer>> calls = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> (java.util.concurrent.Callable<Integer>) () -> api()
                        .post(merchant, "/payments/checkout", body).statusCode())
                .toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var result : pool.invokeAll(calls)) {
                assertThat(result.get()).isEqualTo(200);
            }
        }

        assertThat(transactions(merchant.id())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempt WHERE merchant_id = :id")
                .param("id", merchant.id()).query(Long.class).single()).isEqualTo(1);
    }

    private String decodePng(String qrUrl) throws Exception {
        String path = qrUrl.substring(qrUrl.indexOf(MqPayApi.BASE));
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        BufferedImage image = read(png.body());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    private static BufferedImage read(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private long transactions(String merchantId) {
        return jdbc.sql("SELECT count(*) FROM payment_transaction WHERE merchant_id = :id").param("id", merchantId)
                .query(Long.class).single();
    }

    private long attempts(String transactionId) {
        return jdbc.sql("SELECT count(*) FROM payment_attempt WHERE transaction_id = :id::uuid")
                .param("id", transactionId).query(Long.class).single();
    }
}
