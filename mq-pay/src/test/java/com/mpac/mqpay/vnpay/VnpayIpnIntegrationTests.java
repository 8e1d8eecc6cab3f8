package com.mpac.mqpay.vnpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class VnpayIpnIntegrationTests extends MqPayIntegrationTest {

    private static final String IPN = "/payments/vnpay/ipn";

    @Test
    void shouldSettleOnACorrectlySignedIpn() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);

        JsonNode delivery = api().payQr(checkout.at("/payment/qrCode").stringValue());

        assertThat(delivery.at("/ipn/txnId").stringValue()).isEqualTo(checkout.at("/attempt/code").stringValue());
        assertThat(delivery.at("/ipn/amount").stringValue()).isEqualTo("120000");
        assertThat(delivery.at("/ipnStatus").intValue()).isEqualTo(200);
        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("00");
        assertThat(delivery.at("/ipnResponse/data/txnId").stringValue())
                .isEqualTo(checkout.at("/attempt/code").stringValue());
        JsonNode attempt = attempt(merchant, checkout);
        assertThat(attempt.at("/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(attempt.at("/paid").stringValue()).isEqualTo("120000.0000");
        assertThat(attempt.at("/providerReference").stringValue()).isEqualTo(delivery.at("/ipn/qrTrace").stringValue());
        JsonNode transaction = transaction(merchant, checkout);
        assertThat(transaction.at("/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("120000.0000");
    }

    @Test
    void shouldRefuseAWrongChecksumAndChangeNothing() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        Map<String, Object> ipn = ipn(merchant, checkout, "120000");
        VnpayIpn typed = json.convertValue(ipn, VnpayIpn.class);
        List<Map<String, Object>> forgeries = new ArrayList<>();
        forgeries.add(with(ipn, "checksum", VnpayChecksum.of(typed, "not-the-merchants-secret")));
        forgeries.add(with(ipn, "checksum", "0".repeat(32)));
        forgeries.add(with(with(ipn, "checksum", VnpayChecksum.of(typed, merchant.hashSecret())), "amount", "1"));
        Map<String, Object> noChecksum = new LinkedHashMap<>(ipn);
        noChecksum.remove("checksum");
        forgeries.add(noChecksum);
        Map<String, Object> otherMerchantCode = with(ipn, "merchantCode", "EVIL0001");
        otherMerchantCode.put("checksum", VnpayChecksum.of(json.convertValue(otherMerchantCode, VnpayIpn.class),
                merchant.hashSecret()));
        forgeries.add(otherMerchantCode);

        for (Map<String, Object> forged : forgeries) {
            HttpResponse<String> response = api().postPublic(IPN, json.writeValueAsString(forged));

            assertThat(response.statusCode()).as(forged.toString()).isEqualTo(401);
            assertThat(api().json(response).at("/code").stringValue()).isEqualTo("06");
            assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        }
        assertThat(attempt(merchant, checkout).at("/status").stringValue()).isEqualTo("204_SENT");
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("0.0000");
        assertThat(results(checkout)).isZero();
    }

    @Test
    void shouldAcceptAHandSignedIpn() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        Map<String, Object> ipn = ipn(merchant, checkout, "120000");

        HttpResponse<String> response = api().postPublic(IPN, json.writeValueAsString(ipn));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api().json(response).at("/code").stringValue()).isEqualTo("00");
        assertThat(transaction(merchant, checkout).at("/status").stringValue()).isEqualTo("304_SETTLED");
    }

    @Test
    void shouldAnswerDuplicatesAsAlreadyPaidAndChangeNothing() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        api().payQr(checkout.at("/payment/qrCode").stringValue());
        long resultsBefore = results(checkout);

        JsonNode resent = api().ok(api().postPublic("/sandbox/vnpay/ipn/resend",
                "{\"txnId\":\"" + checkout.at("/attempt/code").stringValue() + "\"}"));
        HttpResponse<String> paidTwice = api().postPublic("/sandbox/vnpay/pay",
                "{\"qrCode\":\"" + checkout.at("/payment/qrCode").stringValue() + "\"}");

        assertThat(resent.at("/ipnStatus").intValue()).isEqualTo(200);
        assertThat(resent.at("/ipnResponse/code").stringValue()).isEqualTo("05");
        assertThat(paidTwice.statusCode()).isEqualTo(409);
        assertThat(results(checkout)).isEqualTo(resultsBefore);
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("120000.0000");
    }

    @Test
    void shouldApplyOnceWhenTheSameIpnArrivesConcurrently() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        String body = json.writeValueAsString(ipn(merchant, checkout, "120000"));

        List<Callable<String>> calls = IntStream.range(0, 6)
                .mapToObj(i -> (Callable<String>) () -> api().json(api().postPublic(IPN, body)).at("/code")
                        .stringValue())
                .toList();
        List<String> codes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (var result : pool.invokeAll(calls)) {
                codes.add(result.get());
            }
        }

        assertThat(codes).containsOnlyOnce("00").containsOnly("00", "05");
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("120000.0000");
        assertThat(results(checkout)).isEqualTo(1);
    }

    @Test
    void shouldRecordAResentFailedIpnOnceAlsoWhenResendsRace() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        Map<String, Object> failed = signed(merchant, with(ipn(merchant, checkout, "120000"), "code", "09"));
        String body = json.writeValueAsString(failed);
        assertThat(api().json(api().postPublic(IPN, body)).at("/code").stringValue()).isEqualTo("00");
        String before = snapshot(checkout);

        JsonNode resent = api().json(api().postPublic(IPN, body));
        List<String> raced = race(body, 6);

        assertThat(resent.at("/code").stringValue()).isEqualTo("05");
        assertThat(raced).containsOnly("05");
        assertThat(results(checkout)).isEqualTo(1);
        assertThat(snapshot(checkout)).isEqualTo(before);
        assertThat(attempt(merchant, checkout).at("/status").stringValue()).isEqualTo("500_FAIL");
    }

    @Test
    void shouldRecordALateIpnOnceWhenItIsResentOrArrivesConcurrently() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        jdbc.sql("UPDATE payment_attempt SET expires_at = now() - interval '1 second' WHERE id = :id::uuid")
                .param("id", checkout.at("/attempt/id").stringValue()).update();
        String body = json.writeValueAsString(ipn(merchant, checkout, "120000"));

        List<String> first = race(body, 6);
        String before = snapshot(checkout);
        JsonNode resent = api().json(api().postPublic(IPN, body));
        List<String> raced = race(body, 6);

        assertThat(first).containsOnlyOnce("04").containsOnly("04", "05");
        assertThat(resent.at("/code").stringValue()).isEqualTo("05");
        assertThat(raced).containsOnly("05");
        assertThat(results(checkout)).isEqualTo(1);
        assertThat(snapshot(checkout)).isEqualTo(before);
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("0.0000");
        assertThat(attempt(merchant, checkout).at("/status").stringValue()).isEqualTo("501_EXPIRED");
    }

    @Test
    void shouldRecordAResentSandboxLateIpnOnce() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        jdbc.sql("UPDATE payment_attempt SET expires_at = now() - interval '1 second' WHERE id = :id::uuid")
                .param("id", checkout.at("/attempt/id").stringValue()).update();
        JsonNode paid = api().payQr(checkout.at("/payment/qrCode").stringValue());
        String before = snapshot(checkout);

        JsonNode resent = api().ok(api().postPublic("/sandbox/vnpay/ipn/resend",
                "{\"txnId\":\"" + checkout.at("/attempt/code").stringValue() + "\"}"));

        assertThat(paid.at("/ipnResponse/code").stringValue()).isEqualTo("04");
        assertThat(resent.at("/ipnResponse/code").stringValue()).isEqualTo("05");
        assertThat(results(checkout)).isEqualTo(1);
        assertThat(snapshot(checkout)).isEqualTo(before);
    }

    @Test
    void shouldMarkTheAttemptFailedWhenVnpayReportsAFailure() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);

        JsonNode delivery = api().ok(api().postPublic("/sandbox/vnpay/pay", "{\"qrCode\":\""
                + checkout.at("/payment/qrCode").stringValue() + "\",\"outcome\":\"FAIL\"}"));

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("00");
        assertThat(attempt(merchant, checkout).at("/status").stringValue()).isEqualTo("500_FAIL");
        assertThat(transaction(merchant, checkout).at("/status").stringValue()).isEqualTo("100_NEW");
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("0.0000");
        JsonNode again = api().checkoutQr(merchant, transaction(merchant, checkout).at("/sourceId").stringValue(),
                120000);
        assertThat(again.at("/payment/amount").stringValue()).isEqualTo("120000.0000");
    }

    @Test
    void shouldRecordAnAmountMismatchAndBlockTheTransaction() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);

        JsonNode delivery = api().ok(api().postPublic("/sandbox/vnpay/pay", "{\"qrCode\":\""
                + checkout.at("/payment/qrCode").stringValue() + "\",\"amount\":1000}"));

        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("07");
        assertThat(transaction(merchant, checkout).at("/status").stringValue()).isEqualTo("403_BLOCKED");
        assertThat(transaction(merchant, checkout).at("/paid").stringValue()).isEqualTo("0.0000");
        JsonNode result = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                "{\"where\":{\"transactionId\":\"" + checkout.at("/transaction/id").stringValue() + "\"}}"))).get(0);
        assertThat(result.at("/outcome").stringValue()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(result.at("/reviewReason").stringValue()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(result.at("/amount").stringValue()).isEqualTo("1000.0000");
    }

    @Test
    void shouldFailClosedOnceTheMerchantsVnpayAccountIsDisabled() {
        Merchant merchant = api().onboard();
        JsonNode checkout = api().checkoutQr(merchant, MqPayApi.newSource(), 120000);
        api().sync(MqPayApi.configuration(merchant, 2, false));

        HttpResponse<String> response = api().postPublic(IPN, json.writeValueAsString(ipn(merchant, checkout,
                "120000")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api().json(response).at("/error/code").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        assertThat(attempt(merchant, checkout).at("/status").stringValue()).isEqualTo("204_SENT");
        assertThat(results(checkout)).isZero();
    }

    @Test
    void shouldRefuseSandboxPaymentsOfForeignOrBrokenQrCodes() {
        Merchant merchant = api().onboard();
        String payload = api().checkoutQr(merchant, MqPayApi.newSource(), 120000).at("/payment/qrCode").stringValue();

        HttpResponse<String> broken = api().postPublic("/sandbox/vnpay/pay",
                "{\"qrCode\":\"" + payload.replace("5406120000", "5406120001") + "\"}");
        HttpResponse<String> sample = api().postPublic("/sandbox/vnpay/pay", "{\"qrCode\":\"00020101021238570010A0000"
                + "0072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C\"}");
        HttpResponse<String> unknownResend = api().postPublic("/sandbox/vnpay/ipn/resend", "{\"txnId\":\"ATT0\"}");

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(sample.statusCode()).isEqualTo(400);
        assertThat(unknownResend.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerUnknownTxnIdsAndMalformedBodiesInVnpaysShape() {
        HttpResponse<String> unknown = api().postPublic(IPN,
                "{\"code\":\"00\",\"txnId\":\"ATT999999999\",\"amount\":\"1\",\"checksum\":\"x\"}");
        HttpResponse<String> malformed = api().postPublic(IPN, "{\"code\":");
        HttpResponse<String> incomplete = api().postPublic(IPN, "{\"code\":\"00\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api().json(unknown).at("/code").stringValue()).isEqualTo("03");
        assertThat(api().json(unknown).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api().json(malformed).at("/code").stringValue()).isEqualTo("99");
        assertThat(incomplete.statusCode()).isEqualTo(400);
    }

    private Map<String, Object> ipn(Merchant merchant, JsonNode checkout, String amount) {
        Map<String, Object> ipn = new LinkedHashMap<>();
        ipn.put("code", "00");
        ipn.put("message", "Tru tien thanh cong");
        ipn.put("msgType", "1");
        ipn.put("txnId", checkout.at("/attempt/code").stringValue());
        ipn.put("qrTrace", "000098469");
        ipn.put("bankCode", "VIETCOMBANK");
        ipn.put("mobile", "0989511021");
        ipn.put("accountNo", "");
        ipn.put("amount", amount);
        ipn.put("payDate", "20260115103500");
        ipn.put("masterMerCode", "A000000775");
        ipn.put("merchantCode", merchant.merchantCode());
        ipn.put("terminalId", "POS01");
        ipn.put("ccy", "704");
        ipn.put("checksum", VnpayChecksum.of(json.convertValue(ipn, VnpayIpn.class), merchant.hashSecret()));
        return ipn;
    }

    private Map<String, Object> signed(Merchant merchant, Map<String, Object> ipn) {
        ipn.put("checksum", VnpayChecksum.of(json.convertValue(ipn, VnpayIpn.class), merchant.hashSecret()));
        return ipn;
    }

    /** Posts the same IPN body from several threads at once; answers VNPAY's response codes. */
    private List<String> race(String body, int times) throws Exception {
        List<Callable<String>> calls = IntStream.range(0, times)
                .mapToObj(i -> (Callable<String>) () -> api().json(api().postPublic(IPN, body)).at("/code")
                        .stringValue())
                .toList();
        List<String> codes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(times)) {
            for (var result : pool.invokeAll(calls)) {
                codes.add(result.get());
            }
        }
        return codes;
    }

    /** Everything an IPN could change about a transaction, its attempts and its results. */
    private String snapshot(JsonNode checkout) {
        return jdbc.sql("""
                SELECT t.status || t.paid || t.updated_at
                    || (SELECT string_agg(a.status || a.paid || a.updated_at, ',' ORDER BY a.id)
                        FROM payment_attempt a WHERE a.transaction_id = t.id)
                    || (SELECT count(*) FROM payment_result r WHERE r.transaction_id = t.id)
                FROM payment_transaction t WHERE t.id = :id::uuid
                """).param("id", checkout.at("/transaction/id").stringValue()).query(String.class).single();
    }

    private static Map<String, Object> with(Map<String, Object> ipn, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(ipn);
        copy.put(key, value);
        return copy;
    }

    private JsonNode attempt(Merchant merchant, JsonNode checkout) {
        return api().ok(api().get(merchant, "/payment-attempts/" + checkout.at("/attempt/id").stringValue()));
    }

    private JsonNode transaction(Merchant merchant, JsonNode checkout) {
        return api().ok(api().get(merchant, "/transactions/" + checkout.at("/transaction/id").stringValue()));
    }

    private long results(JsonNode checkout) {
        return jdbc.sql("SELECT count(*) FROM payment_result WHERE transaction_id = :id::uuid")
                .param("id", checkout.at("/transaction/id").stringValue()).query(Long.class).single();
    }
}
