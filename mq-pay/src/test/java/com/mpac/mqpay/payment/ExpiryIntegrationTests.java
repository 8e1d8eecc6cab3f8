package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class ExpiryIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldExpireASentQrPastItsTimeAndReleaseItsAmount() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode qr = shortLivedQr(merchant, order);
        String attemptId = qr.at("/attempt/id").stringValue();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("501_EXPIRED"));

        assertThat(api().getPublic("/payments/qr/" + attemptId + ".png").statusCode()).isEqualTo(404);
        JsonNode again = api().checkoutQr(merchant, order, 100000);
        assertThat(again.at("/payment/amount").stringValue()).isEqualTo("100000.0000");
        assertThat(again.at("/transaction/status").stringValue()).isEqualTo("100_NEW");
    }

    @Test
    void shouldRecordALateIpnWithoutSettlingAndBlockTheTransaction() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode qr = shortLivedQr(merchant, order);
        String attemptId = qr.at("/attempt/id").stringValue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("501_EXPIRED"));

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnStatus").intValue()).isEqualTo(200);
        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + qr.at("/transaction/id").stringValue()));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("403_BLOCKED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("0.0000");
        assertThat(api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("501_EXPIRED");
        JsonNode result = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                "{\"where\":{\"attemptId\":\"" + attemptId + "\"}}"))).get(0);
        assertThat(result.at("/outcome").stringValue()).isEqualTo("LATE");
        assertThat(result.at("/reviewReason").stringValue()).isEqualTo("LATE_PAYMENT");
        assertThat(result.at("/amount").stringValue()).isEqualTo("100000.0000");
        assertThat(result.at("/providerReference").stringValue()).isEqualTo(delivery.at("/ipn/qrTrace").stringValue());
        HttpResponse<String> blocked = api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, null));
        assertThat(blocked.statusCode()).isEqualTo(409);
        assertThat(api().json(blocked).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
    }

    @Test
    void shouldRecordAndFlagMoneyPaidForAQrAttemptTheMerchantDeleted() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 100000);
        String attemptId = qr.at("/attempt/id").stringValue();
        String transactionId = qr.at("/transaction/id").stringValue();
        api().ok(api().post(merchant, "/payments/cancel", "{\"attemptId\":\"" + attemptId + "\"}"));
        assertThat(api().delete(merchant, "/payment-attempts/" + attemptId).statusCode()).isEqualTo(204);

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnStatus").intValue()).isEqualTo(200);
        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        JsonNode result = onlyResult(merchant, transactionId);
        assertThat(result.at("/outcome").stringValue()).isEqualTo("LATE");
        assertThat(result.at("/reviewReason").stringValue()).isEqualTo("PAID_AFTER_DELETE");
        assertThat(result.at("/attemptId").stringValue()).isEqualTo(attemptId);
        assertThat(result.at("/amount").stringValue()).isEqualTo("100000.0000");
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + transactionId));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("403_BLOCKED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("0.0000");
        assertThat(api().get(merchant, "/payment-attempts/" + attemptId).statusCode()).isEqualTo(404);
        assertThat(api().ok(api().get(merchant, "/payment-results/count"
                + MqPayApi.query("where", "{\"reviewReason\":{\"neq\":null}}"))).at("/count").longValue())
                .isEqualTo(1);
    }

    @Test
    void shouldRecordAndFlagMoneyPaidForATransactionTheMerchantDeleted() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 100000);
        String transactionId = qr.at("/transaction/id").stringValue();
        api().ok(api().post(merchant, "/payments/cancel", "{\"transactionId\":\"" + transactionId + "\"}"));
        assertThat(api().delete(merchant, "/transactions/" + transactionId).statusCode()).isEqualTo(204);

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        JsonNode result = onlyResult(merchant, transactionId);
        assertThat(result.at("/outcome").stringValue()).isEqualTo("LATE");
        assertThat(result.at("/reviewReason").stringValue()).isEqualTo("PAID_AFTER_DELETE");
        assertThat(result.at("/amount").stringValue()).isEqualTo("100000.0000");
        assertThat(api().get(merchant, "/transactions/" + transactionId).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT status || ' ' || paid FROM payment_transaction WHERE id = :id::uuid")
                .param("id", transactionId).query(String.class).single()).isEqualTo("505_CANCELLED 0");
    }

    @Test
    void shouldKeepASettledTransactionSettledWhenAnExpiredQrIsPaidLate() {
        Merchant merchant = api().onboard();
        String order = MqPayApi.newSource();
        JsonNode qr = settledByCashAfterTheQrExpired(merchant, order);

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + qr.at("/transaction/id").stringValue()));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("100000.0000");
        JsonNode late = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                "{\"where\":{\"reviewReason\":{\"neq\":null}}}")));
        assertThat(late).hasSize(1);
        assertThat(late.get(0).at("/outcome").stringValue()).isEqualTo("LATE");
        assertThat(late.get(0).at("/reviewReason").stringValue()).isEqualTo("LATE_PAYMENT");
        assertThat(late.get(0).at("/attemptId").stringValue()).isEqualTo(qr.at("/attempt/id").stringValue());
    }

    @Test
    void shouldKeepAClosedTransactionClosedWhenAnExpiredQrIsPaidLate() {
        Merchant merchant = api().onboard();
        JsonNode qr = settledByCashAfterTheQrExpired(merchant, MqPayApi.newSource());
        String cash = api().ok(api().get(merchant, "/payment-attempts" + MqPayApi.query("filter",
                "{\"where\":{\"provider\":\"SYSTEM\"}}"))).get(0).at("/id").stringValue();
        assertThat(api().refund(merchant, cash, 100000).statusCode()).isEqualTo(200);

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        JsonNode transaction = api().ok(api().get(merchant, "/transactions/" + qr.at("/transaction/id").stringValue()));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("404_CLOSED");
        assertThat(transaction.at("/refunded").stringValue()).isEqualTo("100000.0000");
        assertThat(api().ok(api().get(merchant, "/payment-results/count" + MqPayApi.query("where",
                "{\"reviewReason\":\"LATE_PAYMENT\"}"))).at("/count").longValue()).isEqualTo(1);
    }

    /** A QR for the whole order expires unpaid; the shopper then pays it all in cash. */
    private JsonNode settledByCashAfterTheQrExpired(Merchant merchant, String order) {
        JsonNode qr = api().checkoutQr(merchant, order, 100000);
        jdbc.sql("UPDATE payment_attempt SET expires_at = now() - interval '1 second' WHERE id = :id::uuid")
                .param("id", qr.at("/attempt/id").stringValue()).update();
        JsonNode cash = api().checkoutCash(merchant, order, 100000);
        assertThat(api().payCash(merchant, cash.at("/attempt/id").stringValue(), 100000)
                .at("/transaction/status").stringValue()).isEqualTo("304_SETTLED");
        return qr;
    }

    @Test
    void shouldTreatAnIpnPastExpiresAtAsLateEvenBeforeTheJobRan() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 100000);
        String attemptId = qr.at("/attempt/id").stringValue();
        jdbc.sql("UPDATE payment_attempt SET expires_at = now() - interval '1 second' WHERE id = :id::uuid")
                .param("id", attemptId).update();

        JsonNode delivery = api().payQr(qr.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        assertThat(api().ok(api().get(merchant, "/payment-attempts/" + attemptId)).at("/status").stringValue())
                .isEqualTo("501_EXPIRED");
        assertThat(api().ok(api().get(merchant, "/transactions/" + qr.at("/transaction/id").stringValue()))
                .at("/paid").stringValue()).isEqualTo("0.0000");
    }

    private JsonNode onlyResult(Merchant merchant, String transactionId) {
        JsonNode results = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                "{\"where\":{\"transactionId\":\"" + transactionId + "\"}}")));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private JsonNode shortLivedQr(Merchant merchant, String order) {
        return api().ok(api().post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "VNPAY_QR_MMS", "100_QR_CODE", 100000, null)
                        .replace("\"milliseconds\":300000", "\"milliseconds\":1000")));
    }
}
