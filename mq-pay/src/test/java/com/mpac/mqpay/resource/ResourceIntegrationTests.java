package com.mpac.mqpay.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class ResourceIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldCreateReadPatchAndSoftDeleteATransaction() {
        Merchant merchant = api().onboard();
        String source = MqPayApi.newSource();

        JsonNode created = api().ok(api().post(merchant, "/transactions",
                "{\"sourceType\":\"Order\",\"sourceId\":\"" + source + "\",\"sourceUid\":\"ORD-1\",\"total\":250000}"));
        String id = created.at("/id").stringValue();
        HttpResponse<String> duplicate = api().post(merchant, "/transactions",
                "{\"sourceType\":\"Order\",\"sourceId\":\"" + source + "\",\"total\":250000}");
        JsonNode patched = api().ok(api().patch(merchant, "/transactions/" + id,
                "{\"sourceUid\":\"ORD-1-B\",\"note\":\"table 4\"}"));
        HttpResponse<String> statusPatch = api().patch(merchant, "/transactions/" + id, "{\"status\":\"304_SETTLED\"}");
        HttpResponse<String> paidPatch = api().patch(merchant, "/transactions/" + id, "{\"paid\":250000}");
        HttpResponse<String> statusCreate = api().post(merchant, "/transactions", "{\"sourceType\":\"Order\","
                + "\"sourceId\":\"" + MqPayApi.newSource() + "\",\"total\":1000,\"status\":\"304_SETTLED\"}");

        assertThat(created.at("/status").stringValue()).isEqualTo("100_NEW");
        assertThat(created.at("/total").stringValue()).isEqualTo("250000.0000");
        assertThat(created.at("/paid").stringValue()).isEqualTo("0.0000");
        assertThat(created.at("/number").stringValue()).startsWith("TXN");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(api().json(duplicate).at("/error/code").stringValue()).isEqualTo("CONFLICT");
        assertThat(patched.at("/sourceUid").stringValue()).isEqualTo("ORD-1-B");
        assertThat(patched.at("/note").stringValue()).isEqualTo("table 4");
        assertThat(statusPatch.statusCode()).isEqualTo(400);
        assertThat(paidPatch.statusCode()).isEqualTo(400);
        assertThat(statusCreate.statusCode()).isEqualTo(400);
        assertThat(api().ok(api().get(merchant, "/transactions/" + id)).at("/status").stringValue())
                .isEqualTo("100_NEW");

        HttpResponse<String> deleted = api().delete(merchant, "/transactions/" + id);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api().get(merchant, "/transactions/" + id).statusCode()).isEqualTo(404);
        assertThat(count(merchant, "/transactions", "{}")).isZero();
        assertThat(api().ok(api().get(merchant, "/transactions"))).isEmpty();
        assertThat(api().delete(merchant, "/transactions/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseToDeleteMoneyRecords() {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 1000);
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 1000);
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 1000);

        HttpResponse<String> paidTransaction = api().delete(merchant,
                "/transactions/" + cash.at("/transaction/id").stringValue());
        HttpResponse<String> paidAttempt = api().delete(merchant,
                "/payment-attempts/" + cash.at("/attempt/id").stringValue());
        HttpResponse<String> openAttempt = api().delete(merchant,
                "/payment-attempts/" + qr.at("/attempt/id").stringValue());
        String cancelled = api().ok(api().post(merchant, "/payments/cancel",
                "{\"attemptId\":\"" + qr.at("/attempt/id").stringValue() + "\"}")).at("/cancelledAttempts/0/parentId")
                .stringValue();
        HttpResponse<String> cancelledAttempt = api().delete(merchant, "/payment-attempts/" + cancelled);

        assertThat(paidTransaction.statusCode()).isEqualTo(409);
        assertThat(api().json(paidTransaction).at("/error/code").stringValue()).isEqualTo("INVALID_TRANSACTION_STATUS");
        assertThat(paidAttempt.statusCode()).isEqualTo(409);
        assertThat(api().json(paidAttempt).at("/error/code").stringValue()).isEqualTo("INVALID_ATTEMPT_STATUS");
        assertThat(openAttempt.statusCode()).isEqualTo(409);
        assertThat(cancelledAttempt.statusCode()).isEqualTo(204);
        JsonNode paidQr = api().checkoutQr(merchant, MqPayApi.newSource(), 1000);
        api().payQr(paidQr.at("/payment/qrCode").stringValue());
        for (String kind : List.of("PROVIDER_IPN", "SYSTEM_IPN")) {
            String resultId = api().ok(api().get(merchant, "/payment-results" + MqPayApi.query("filter",
                    "{\"where\":{\"kind\":\"" + kind + "\"}}"))).get(0).at("/id").stringValue();

            HttpResponse<String> auditTrail = api().delete(merchant, "/payment-results/" + resultId);

            assertThat(auditTrail.statusCode()).as(kind).isEqualTo(409);
            assertThat(api().json(auditTrail).at("/error/code").stringValue()).as(kind).isEqualTo("CONFLICT");
            assertThat(api().get(merchant, "/payment-results/" + resultId).statusCode()).as(kind).isEqualTo(200);
        }
        assertThat(count(merchant, "/payment-attempts", "{\"id\":\"" + cancelled + "\"}")).isZero();
    }

    @Test
    void shouldCreateAttemptsByCheckoutsRules() {
        Merchant merchant = api().onboard();
        JsonNode transaction = api().ok(api().post(merchant, "/transactions", "{\"sourceType\":\"Invoice\","
                + "\"sourceId\":\"" + MqPayApi.newSource() + "\",\"total\":90000}"));
        String transactionId = transaction.at("/id").stringValue();

        JsonNode qr = api().ok(api().post(merchant, "/payment-attempts", "{\"transactionId\":\"" + transactionId
                + "\",\"provider\":\"VNPAY_QR_MMS\",\"method\":\"100_QR_CODE\",\"amount\":50000}"));
        HttpResponse<String> tooMuch = api().post(merchant, "/payment-attempts", "{\"transactionId\":\""
                + transactionId + "\",\"provider\":\"SYSTEM\",\"method\":\"200_CASH\",\"amount\":50000}");
        HttpResponse<String> withStatus = api().post(merchant, "/payment-attempts", "{\"transactionId\":\""
                + transactionId + "\",\"provider\":\"SYSTEM\",\"method\":\"200_CASH\",\"status\":\"302_SUCCESS\"}");
        JsonNode patched = api().ok(api().patch(merchant, "/payment-attempts/" + qr.at("/id").stringValue(),
                "{\"note\":\"table 7\"}"));

        assertThat(qr.at("/status").stringValue()).isEqualTo("204_SENT");
        assertThat(qr.at("/type").stringValue()).isEqualTo("100_PAYMENT");
        assertThat(qr.at("/amount").stringValue()).isEqualTo("50000.0000");
        assertThat(qr.at("/qrCode").stringValue()).startsWith("000201010212");
        assertThat(qr.at("/expiresAt").isString()).isTrue();
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(withStatus.statusCode()).isEqualTo(400);
        assertThat(patched.at("/note").stringValue()).isEqualTo("table 7");
        assertThat(api().patch(merchant, "/payment-attempts/" + qr.at("/id").stringValue(),
                "{\"status\":\"302_SUCCESS\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldKeepItemsAndManualResultsOfTheMerchantsTransactions() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 100000);
        String transactionId = cash.at("/transaction/id").stringValue();

        JsonNode item = api().ok(api().post(merchant, "/transaction-items", "{\"transactionId\":\"" + transactionId
                + "\",\"name\":\"Phở bò\",\"sku\":\"PHO-1\",\"quantity\":2,\"unitPrice\":45000}"));
        JsonNode patchedItem = api().ok(api().patch(merchant, "/transaction-items/" + item.at("/id").stringValue(),
                "{\"quantity\":3}"));
        HttpResponse<String> itemOnOthers = api().post(other, "/transaction-items", "{\"transactionId\":\""
                + transactionId + "\",\"name\":\"x\",\"quantity\":1,\"unitPrice\":1}");
        JsonNode result = api().ok(api().post(merchant, "/payment-results", "{\"transactionId\":\"" + transactionId
                + "\",\"attemptId\":\"" + cash.at("/attempt/id").stringValue()
                + "\",\"provider\":\"SYSTEM\",\"message\":\"Drawer counted\",\"amount\":100000}"));
        HttpResponse<String> fractionItem = api().post(merchant, "/transaction-items", "{\"transactionId\":\""
                + transactionId + "\",\"name\":\"x\",\"quantity\":1,\"unitPrice\":0.5}");

        assertThat(item.at("/amount").stringValue()).isEqualTo("90000.0000");
        assertThat(item.at("/name").stringValue()).isEqualTo("Phở bò");
        assertThat(patchedItem.at("/quantity").intValue()).isEqualTo(3);
        assertThat(patchedItem.at("/amount").stringValue()).isEqualTo("135000.0000");
        assertThat(itemOnOthers.statusCode()).isEqualTo(404);
        assertThat(api().json(itemOnOthers).at("/error/code").stringValue()).isEqualTo("TRANSACTION_NOT_FOUND");
        JsonNode patchedResult = api().ok(api().patch(merchant, "/payment-results/" + result.at("/id").stringValue(),
                "{\"message\":\"Drawer counted twice\"}"));
        assertThat(patchedResult.at("/message").stringValue()).isEqualTo("Drawer counted twice");
        assertThat(api().ok(api().get(merchant, "/payment-results/" + result.at("/id").stringValue()))
                .at("/attemptId").stringValue()).isEqualTo(cash.at("/attempt/id").stringValue());
        assertThat(result.at("/kind").stringValue()).isEqualTo("MANUAL");
        assertThat(result.at("/outcome").stringValue()).isEqualTo("RECORDED");
        assertThat(fractionItem.statusCode()).isEqualTo(400);
        assertThat(api().ok(api().get(merchant, "/transactions/" + transactionId)).at("/paid").stringValue())
                .isEqualTo("0.0000");
        assertThat(api().delete(merchant, "/payment-results/" + result.at("/id").stringValue()).statusCode())
                .isEqualTo(204);
        assertThat(api().delete(merchant, "/transaction-items/" + item.at("/id").stringValue()).statusCode())
                .isEqualTo(204);
        assertThat(count(merchant, "/transaction-items", "{\"transactionId\":\"" + transactionId + "\"}")).isZero();
    }

    @Test
    void shouldRefuseBadCreatesAndPatchesAndChangeNothing() {
        Merchant merchant = api().onboard();
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 10000);
        String transactionId = cash.at("/transaction/id").stringValue();
        String itemId = api().ok(api().post(merchant, "/transaction-items", "{\"transactionId\":\"" + transactionId
                + "\",\"name\":\"Tea\",\"quantity\":1,\"unitPrice\":10000}")).at("/id").stringValue();
        List<String[]> bad = List.of(
                new String[] { "POST", "/transactions", "{\"sourceType\":\"Order\",\"total\":1000}" },
                new String[] { "POST", "/transactions", "{\"sourceType\":\"Order\",\"sourceId\":\"x\",\"total\":-1}" },
                new String[] { "POST", "/transactions", "{\"sourceType\":\"Order\",\"sourceId\":\"x\",\"total\":1,"
                        + "\"currency\":\"USD\"}" },
                new String[] { "POST", "/transactions", "[1,2]" },
                new String[] { "POST", "/payment-attempts", "{\"transactionId\":\"" + transactionId
                        + "\",\"provider\":\"BITCOIN\",\"method\":\"200_CASH\"}" },
                new String[] { "POST", "/transaction-items", "{\"transactionId\":\"" + transactionId
                        + "\",\"name\":\"Tea\",\"quantity\":0,\"unitPrice\":1}" },
                new String[] { "POST", "/transaction-items", "{\"transactionId\":\"" + transactionId
                        + "\",\"name\":\"Tea\",\"quantity\":\"two\",\"unitPrice\":1}" },
                new String[] { "PATCH", "/transaction-items/" + itemId, "{\"quantity\":0}" },
                new String[] { "PATCH", "/transaction-items/" + itemId, "{\"unitPrice\":-3}" },
                new String[] { "PATCH", "/transaction-items/" + itemId, "{\"amount\":1}" },
                new String[] { "PATCH", "/transaction-items/" + itemId, "{}" },
                new String[] { "PATCH", "/transaction-items/" + itemId, "\"quantity\"" },
                new String[] { "PATCH", "/transactions/" + transactionId, "{\"total\":1}" },
                new String[] { "PATCH", "/transactions/" + transactionId, "{\"note\":42}" });

        for (String[] request : bad) {
            HttpResponse<String> response = api().send(merchant, request[0], request[1], request[2],
                    java.util.Map.of());
            assertThat(response.statusCode()).as(String.join(" ", request)).isEqualTo(400);
            assertThat(api().json(response).at("/error/code").stringValue()).as(String.join(" ", request))
                    .isEqualTo("VALIDATION_ERROR");
        }
        JsonNode item = api().ok(api().get(merchant, "/transaction-items/" + itemId));
        assertThat(item.at("/quantity").intValue()).isEqualTo(1);
        assertThat(item.at("/amount").stringValue()).isEqualTo("10000.0000");
        assertThat(count(merchant, "/transactions", "{}")).isEqualTo(1);
        assertThat(count(merchant, "/payment-attempts", "{}")).isEqualTo(1);
    }

    @Test
    void shouldFilterOrderPageAndProject() {
        Merchant merchant = api().onboard();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 6; i++) {
            api().ok(api().post(merchant, "/transactions", "{\"sourceType\":\"" + (i % 2 == 0 ? "Order" : "Table")
                    + "\",\"sourceId\":\"" + tag + "-" + i + "\",\"sourceUid\":\"UID-" + tag + "-" + i
                    + "\",\"total\":" + (i * 10000) + "}"));
        }

        assertThat(sourceIds(merchant, "{\"where\":{\"sourceType\":\"Order\"},\"order\":\"total ASC\"}"))
                .containsExactly(tag + "-2", tag + "-4", tag + "-6");
        assertThat(sourceIds(merchant, "{\"where\":{\"total\":{\"gt\":20000,\"lte\":50000}},\"order\":[\"total DESC\"]}"))
                .containsExactly(tag + "-5", tag + "-4", tag + "-3");
        assertThat(sourceIds(merchant, "{\"where\":{\"sourceId\":{\"inq\":[\"" + tag + "-1\",\"" + tag + "-6\"]}},"
                + "\"order\":\"total\"}")).containsExactly(tag + "-1", tag + "-6");
        assertThat(sourceIds(merchant, "{\"where\":{\"sourceUid\":{\"like\":\"UID-" + tag + "-%\"},"
                + "\"or\":[{\"total\":10000},{\"total\":{\"gte\":60000}}]},\"order\":\"total\"}"))
                .containsExactly(tag + "-1", tag + "-6");
        assertThat(sourceIds(merchant, "{\"where\":{\"and\":[{\"sourceType\":\"Table\"},{\"total\":{\"neq\":30000}}]},"
                + "\"order\":\"total\"}")).containsExactly(tag + "-1", tag + "-5");
        assertThat(sourceIds(merchant, "{\"order\":\"total DESC\",\"limit\":2,\"skip\":1}"))
                .containsExactly(tag + "-5", tag + "-4");
        JsonNode projected = api().ok(api().get(merchant, "/transactions" + MqPayApi.query("filter",
                "{\"fields\":[\"id\",\"total\"],\"limit\":1}"))).get(0);
        assertThat(List.copyOf(projected.propertyNames())).containsExactly("id", "total");
        assertThat(count(merchant, "/transactions", "{\"sourceType\":\"Table\",\"total\":{\"gte\":30000}}"))
                .isEqualTo(2);
        assertThat(count(merchant, "/transactions", "{\"status\":\"100_NEW\"}")).isEqualTo(6);
    }

    @Test
    void shouldRefuseHostileFiltersWithA400AndLeaveTheDataAlone() {
        Merchant merchant = api().onboard();
        api().checkoutCash(merchant, MqPayApi.newSource(), 1000);
        List<String> hostile = List.of(
                "{\"where\":{\"1=1) OR (1\":1}}",
                "{\"where\":{\"sourceId\":{\"eq') OR 1=1 --\":\"x\"}}}",
                "{\"where\":{\"merchant_id\":{\"neq\":\"nobody\"}}}",
                "{\"order\":\"total; DELETE FROM payment_transaction\"}",
                "{\"fields\":[\"merchant_id\"]}",
                "{\"limit\":\"ALL\"}",
                "{\"limit\":1000000}",
                "{\"where\":{\"total\":{\"gt\":\"0 OR 1=1\"}}}",
                "{\"where\":{\"sourceId\":\"a\\u0000b\"}}",
                "{\"where\":{\"createdAt\":{\"gt\":\"+999999-01-01T00:00:00Z\"}}}",
                "{\"where\":" + "{\"or\":[".repeat(10) + "{}" + "]}".repeat(10) + "}",
                "not json at all");

        for (String filter : hostile) {
            HttpResponse<String> response = api().get(merchant, "/transactions" + MqPayApi.query("filter", filter));
            assertThat(response.statusCode()).as(filter).isEqualTo(400);
            assertThat(api().json(response).at("/error/code").stringValue()).as(filter).isEqualTo("INVALID_FILTER");
        }
        HttpResponse<String> hostileCount = api().get(merchant, "/payment-attempts/count"
                + MqPayApi.query("where", "{\"deleted_at\":null}"));
        HttpResponse<String> literal = api().get(merchant, "/transactions" + MqPayApi.query("filter",
                "{\"where\":{\"sourceId\":\"x' OR '1'='1\"}}"));

        assertThat(hostileCount.statusCode()).isEqualTo(400);
        assertThat(api().ok(literal)).isEmpty();
        assertThat(count(merchant, "/transactions", "{}")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_transaction WHERE merchant_id = :id")
                .param("id", merchant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNeverShowOneMerchantTheOthersRows() {
        Merchant a = api().onboard();
        Merchant b = api().onboard();
        JsonNode checkout = api().checkoutCash(a, MqPayApi.newSource(), 5000);
        api().payCash(a, checkout.at("/attempt/id").stringValue(), 5000);
        String transactionId = checkout.at("/transaction/id").stringValue();
        String attemptId = checkout.at("/attempt/id").stringValue();
        String itemId = api().ok(api().post(a, "/transaction-items", "{\"transactionId\":\"" + transactionId
                + "\",\"name\":\"Tea\",\"quantity\":1,\"unitPrice\":5000}")).at("/id").stringValue();
        String resultId = api().ok(api().get(a, "/payment-results")).get(0).at("/id").stringValue();

        // Each PATCH names a field that resource does take, so only the tenant check can refuse it.
        for (String[] resource : new String[][] { { "/transactions", transactionId, "note" },
                { "/payment-attempts", attemptId, "note" }, { "/transaction-items", itemId, "note" },
                { "/payment-results", resultId, "message" } }) {
            String path = resource[0];
            String id = resource[1];
            String patchable = resource[2];
            assertThat(api().ok(api().get(b, path))).as(path).isEmpty();
            assertThat(api().ok(api().get(b, path + MqPayApi.query("filter", "{\"where\":{\"id\":\"" + id + "\"}}"))))
                    .as(path).isEmpty();
            assertThat(count(b, path, "{}")).as(path).isZero();
            HttpResponse<String> byId = api().get(b, path + "/" + id);
            assertThat(byId.statusCode()).as(path).isEqualTo(404);
            assertThat(api().json(byId).at("/error/code").stringValue()).as(path).endsWith("NOT_FOUND");
            HttpResponse<String> patched = api().patch(b, path + "/" + id, "{\"" + patchable + "\":\"mine now\"}");
            assertThat(patched.statusCode()).as(path).isEqualTo(404);
            assertThat(api().json(patched).at("/error/code").stringValue()).as(path).endsWith("NOT_FOUND");
            assertThat(api().delete(b, path + "/" + id).statusCode()).as(path).isEqualTo(404);
            JsonNode own = api().ok(api().get(a, path + "/" + id));
            assertThat(own.at("/id").stringValue()).as(path).isEqualTo(id);
            assertThat(own.at("/" + patchable).stringValue()).as(path).isNotEqualTo("mine now");
            assertThat(count(a, path, "{}")).as(path).isEqualTo(1);
        }
        assertThat(api().get(b, "/transactions/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepTheSameSourceApartForTwoMerchants() {
        Merchant a = api().onboard();
        Merchant b = api().onboard();
        String source = MqPayApi.newSource();

        JsonNode first = api().checkoutCash(a, source, 100000);
        JsonNode second = api().checkoutCash(b, source, 70000);
        api().payCash(a, first.at("/attempt/id").stringValue(), 100000);

        assertThat(second.at("/transaction/id").stringValue()).isNotEqualTo(first.at("/transaction/id").stringValue());
        assertThat(second.at("/transaction/total").stringValue()).isEqualTo("70000.0000");
        assertThat(second.at("/transaction/status").stringValue()).isEqualTo("100_NEW");
        String bySource = "{\"where\":{\"sourceType\":\"Order\",\"sourceId\":\"" + source + "\"}}";
        JsonNode seenByA = api().ok(api().get(a, "/transactions" + MqPayApi.query("filter", bySource)));
        JsonNode seenByB = api().ok(api().get(b, "/transactions" + MqPayApi.query("filter", bySource)));
        assertThat(seenByA).hasSize(1);
        assertThat(seenByA.get(0).at("/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(seenByB).hasSize(1);
        assertThat(seenByB.get(0).at("/id").stringValue()).isEqualTo(second.at("/transaction/id").stringValue());
        assertThat(seenByB.get(0).at("/paid").stringValue()).isEqualTo("0.0000");
        JsonNode again = api().checkoutCash(b, source, 70000);
        assertThat(again.at("/attempt/id").stringValue()).isEqualTo(second.at("/attempt/id").stringValue());
    }

    @Test
    void shouldNotLetAMerchantAddAttemptsOrResultsToAnotherMerchantsTransaction() {
        Merchant a = api().onboard();
        Merchant b = api().onboard();
        JsonNode cash = api().checkoutCash(a, MqPayApi.newSource(), 100000);
        String transactionId = cash.at("/transaction/id").stringValue();
        api().ok(api().post(a, "/payments/cancel", "{\"attemptId\":\"" + cash.at("/attempt/id").stringValue()
                + "\"}"));

        HttpResponse<String> attempt = api().post(b, "/payment-attempts", "{\"transactionId\":\"" + transactionId
                + "\",\"provider\":\"SYSTEM\",\"method\":\"200_CASH\",\"amount\":1000}");
        HttpResponse<String> result = api().post(b, "/payment-results", "{\"transactionId\":\"" + transactionId
                + "\",\"provider\":\"SYSTEM\",\"message\":\"mine\",\"amount\":1000}");
        HttpResponse<String> resultOnOwnWithForeignAttempt = api().post(b, "/payment-results", "{\"transactionId\":\""
                + api().checkoutCash(b, MqPayApi.newSource(), 1000).at("/transaction/id").stringValue()
                + "\",\"attemptId\":\"" + cash.at("/attempt/id").stringValue()
                + "\",\"provider\":\"SYSTEM\",\"message\":\"mine\"}");

        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(api().json(attempt).at("/error/code").stringValue()).isEqualTo("TRANSACTION_NOT_FOUND");
        assertThat(result.statusCode()).isEqualTo(404);
        assertThat(api().json(result).at("/error/code").stringValue()).isEqualTo("TRANSACTION_NOT_FOUND");
        assertThat(resultOnOwnWithForeignAttempt.statusCode()).isEqualTo(404);
        assertThat(api().json(resultOnOwnWithForeignAttempt).at("/error/code").stringValue())
                .isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempt WHERE transaction_id = :id::uuid")
                .param("id", transactionId).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_result WHERE merchant_id = :id")
                .param("id", b.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldTakeTheSeedsFilterExampleUnencoded() throws Exception {
        Merchant merchant = api().onboard();
        String source = MqPayApi.newSource();
        String transactionId = api().checkoutCash(merchant, source, 1000).at("/transaction/id").stringValue();
        api().checkoutCash(merchant, MqPayApi.newSource(), 2000);

        // Exactly as the seed writes it: braces and quotes raw on the request line.
        RawResponse list = rawGet(merchant, "/api/mq-pay/transactions",
                "filter={\"where\":{\"sourceType\":\"Order\",\"sourceId\":\"" + source + "\"}}");
        RawResponse count = rawGet(merchant, "/api/mq-pay/payment-attempts/count",
                "where={\"transactionId\":\"" + transactionId + "\",\"status\":{\"inq\":[\"100_NEW\"]}}");
        RawResponse hostile = rawGet(merchant, "/api/mq-pay/transactions", "filter={\"where\":{\"merchant_id\":1}}");

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode rows = json.readTree(list.body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).at("/id").stringValue()).isEqualTo(transactionId);
        assertThat(count.status()).as(count.body()).isEqualTo(200);
        assertThat(json.readTree(count.body()).at("/count").longValue()).isEqualTo(1);
        assertThat(hostile.status()).isEqualTo(400);
        assertThat(json.readTree(hostile.body()).at("/error/code").stringValue()).isEqualTo("INVALID_FILTER");
    }

    private record RawResponse(int status, String body) {
    }

    /**
     * A GET written byte for byte on a socket, so no HTTP client percent-encodes the query; signed over the same
     * query (the canonical form decodes and re-encodes it, so raw and encoded sign alike).
     */
    private RawResponse rawGet(Merchant merchant, String path, String rawQuery) throws Exception {
        URI signed = new URI(null, null, path, rawQuery, null);
        StringBuilder request = new StringBuilder("GET " + path + "?" + rawQuery + " HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
        merchant.signer().headers("GET", signed, new byte[0])
                .forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, headersEnd);
            String body = answer.substring(headersEnd + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            // Bodies here are ASCII JSON, so characters count as bytes.
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private List<String> sourceIds(Merchant merchant, String filter) {
        JsonNode rows = api().ok(api().get(merchant, "/transactions" + MqPayApi.query("filter", filter)));
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.at("/sourceId").stringValue()).toList();
    }

    private long count(Merchant merchant, String path, String where) {
        return api().ok(api().get(merchant, path + "/count" + MqPayApi.query("where", where))).at("/count")
                .longValue();
    }
}
