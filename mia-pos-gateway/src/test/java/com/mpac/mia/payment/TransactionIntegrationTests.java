package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class TransactionIntegrationTests extends MiaIntegrationTest {

    private long paid(Session session, String amount) {
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":" + amount + "}}");
        return api().pay(qr.get("qrText").asString(), null).get("txId").asLong();
    }

    @Test
    void shouldShowTransactionDetailsWithTheDocumentsFields() {
        Session session = api().shiftOpen();
        long txId = paid(session, "99.99");

        JsonNode info = api().ok(api().get(session, "/pos/api/v1/transaction/" + txId)).get("txInfo");

        assertThat(info.get("id").asLong()).isEqualTo(txId);
        assertThat(info.get("amount").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(info.get("ccy").asString()).isEqualTo("MDL");
        assertThat(info.get("type").asString()).isEqualTo("paid");
        assertThat(info.get("approvalCode").asString()).hasSize(6);
        assertThat(info.get("m\u0441\u0441").asString()).isEqualTo("5999");
        assertThat(info.get("mcc").asString()).isEqualTo("5999");
        assertThat(info.get("swiftMessageType").asString()).isEqualTo("pacs.008");
        assertThat(info.get("swiftMessageId").asString()).startsWith("MPACMD2X");
        assertThat(info.get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void shouldReturnPartlyThenTheRestButNeverMoreThanPaid() {
        Session session = api().shiftOpen();
        long txId = paid(session, "100");

        JsonNode partial = api().ok(api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"amount\":30.5,\"fullRefund\":false,\"ccy\":\"MDL\",\"reasonCode\":\"R01\","
                        + "\"reasonMessage\":\"Damaged\"}"));
        HttpResponse<String> tooMuch = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"amount\":70,\"fullRefund\":false,\"reasonCode\":\"R01\"}");
        JsonNode rest = api().ok(api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":true,\"reasonCode\":\"R02\"}"));
        HttpResponse<String> nothingLeft = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":true,\"reasonCode\":\"R02\"}");
        JsonNode returned = api().ok(api().get(session, "/pos/api/v1/transaction/" + rest.get("requestId").asLong()));

        assertThat(partial.get("result").asString()).isEqualTo("success");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).get("errorCode").asString()).isEqualTo("amount_exceeds_remaining");
        assertThat(returned.at("/txInfo/amount").decimalValue()).isEqualByComparingTo("69.50");
        assertThat(returned.at("/txInfo/type").asString()).isEqualTo("returned");
        assertThat(nothingLeft.statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT sum(amount) FROM transaction WHERE original_tx_id = :id").param("id", txId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("100");
    }

    @Test
    void shouldRefuseBadReturnRequestsWithoutWriting() {
        Session session = api().shiftOpen();
        long txId = paid(session, "10");

        HttpResponse<String> noReason = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":true}");
        HttpResponse<String> partialNoAmount = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":false,\"reasonCode\":\"R\"}");
        HttpResponse<String> wrongCurrency = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":true,\"ccy\":\"EUR\",\"reasonCode\":\"R\"}");
        HttpResponse<String> textAmount = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"amount\":\"ten\",\"fullRefund\":false,\"reasonCode\":\"R\"}");

        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(partialNoAmount.statusCode()).isEqualTo(400);
        assertThat(wrongCurrency.statusCode()).isEqualTo(400);
        assertThat(textAmount.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM transaction WHERE original_tx_id = :id").param("id", txId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldNotShowOrReturnAnotherTerminalsTransaction() {
        Session session = api().shiftOpen();
        Session other = api().shiftOpen();
        long txId = paid(session, "10");

        HttpResponse<String> details = api().get(other, "/pos/api/v1/transaction/" + txId);
        HttpResponse<String> refund = api().post(other, "/pos/api/v1/transaction/return",
                "{\"txId\":" + txId + ",\"fullRefund\":true,\"reasonCode\":\"R\"}");

        assertThat(details.statusCode()).isEqualTo(404);
        assertThat(refund.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldReplayAReturnSentTwiceWithTheSameIdempotencyKey() {
        Session session = api().shiftOpen();
        long txId = paid(session, "50");
        String body = "{\"txId\":" + txId + ",\"amount\":10,\"fullRefund\":false,\"reasonCode\":\"R\"}";
        java.util.Map<String, String> headers = com.mpac.mia.MiaApi.bearer(session);
        headers.put("Idempotency-Key", "return-" + txId);

        JsonNode first = api().ok(api().send("POST", "/pos/api/v1/transaction/return", body, headers));
        HttpResponse<String> replay = api().send("POST", "/pos/api/v1/transaction/return", body, headers);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(api().json(replay).get("requestId").asLong()).isEqualTo(first.get("requestId").asLong());
        assertThat(jdbc.sql("SELECT count(*) FROM transaction WHERE original_tx_id = :id").param("id", txId)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
