package com.mpac.payreq.paymentrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** Every route of the Payment Request API with its failures, on a real PostgreSQL. */
class PaymentRequestApiIntegrationTests extends PaymentRequestIntegrationTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);

    @Test
    void shouldCreateAPaymentRequestWithItsUrlWebSocketTokenAndQrCode() throws Exception {
        Merchant merchant = api().onboard();

        JsonNode created = api().ok(api().post(merchant, PaymentRequestApi.EXAMPLE_BODY));

        String id = created.get("paymentRequestID").asString();
        assertThat(created.get("magTranID").asString()).hasSize(36);
        assertThat(created.get("paymentURL").asString()).isEqualTo("http://localhost:" + port + "/pay/" + id);
        assertThat(created.get("webSocketToken").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.get("webSocketURL").asString()).isEqualTo("ws://localhost:" + port
                + "/ws/PaymentRequest?token=" + created.get("webSocketToken").asString());
        String qr = created.get("qrCode").asString();
        assertThat(qr).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                qr.substring("data:image/png;base64,".length()))));
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(created.get("paymentURL").asString());
    }

    @Test
    void shouldAnswerEveryFieldOfARequestById() {
        Merchant merchant = api().onboard();
        JsonNode created = api().ok(api().post(merchant, PaymentRequestApi.EXAMPLE_BODY));
        String id = created.get("paymentRequestID").asString();

        JsonNode request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));

        assertThat(request.get("paymentRequestID").asString()).isEqualTo(id);
        assertThat(request.get("transactionType").asInt()).isEqualTo(1);
        assertThat(request.get("customerTranID").asString()).isEqualTo("123456");
        assertThat(request.get("customerTranRef").asString()).isEqualTo("Reference");
        assertThat(request.get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(request.get("taxAmount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(request.get("taxPercent").decimalValue()).isEqualByComparingTo("5");
        assertThat(request.get("additionalInfo").isArray()).isTrue();
        assertThat(request.get("miscData").asString()).isEqualTo("Sample data");
        assertThat(request.get("processorName").asString()).isEqualTo("Processor_1");
        assertThat(request.get("promptForTax").asBoolean()).isTrue();
        assertThat(request.get("promptForTips").asBoolean()).isTrue();
        assertThat(request.get("termsAndTransactionInfo").asString()).isEqualTo("Terms and conditions");
        assertThat(request.get("usageCountLimit").asInt()).isZero();
        assertThat(request.get("currentUsageCount").asInt()).isZero();
        assertThat(request.get("isEnabled").asBoolean()).isTrue();
        assertThat(request.get("activationDate").asString()).isEqualTo("2024-01-01T00:00:00");
        assertThat(request.get("expirationDate").asString()).isEqualTo("2048-12-31T23:59:59");
        assertThat(request.get("dateCreated").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,5}[1-9])?\\+00:00");
        assertThat(request.get("status").asInt()).isEqualTo(2);
        assertThat(request.get("paymentURL").asString()).isEqualTo(created.get("paymentURL").asString());
        assertThat(request.get("webSocketToken").asString()).isEqualTo(created.get("webSocketToken").asString());
        assertThat(request.get("transactions").isEmpty()).isTrue();
    }

    @Test
    void shouldListSummariesExactlyAsTheSeedsExample() {
        Merchant merchant = api().onboard();
        String first = api().create(merchant, Map.of("customerTranID", "34344", "usageCountLimit", 50))
                .get("paymentRequestID").asString();
        String second = api().create(merchant, Map.of("customerTranID", "dsfadsf")).get("paymentRequestID").asString();

        JsonNode list = api().ok(api().get(merchant, "/api/PaymentRequest"));

        List<String> names = new ArrayList<>();
        list.propertyNames().forEach(names::add);
        assertThat(names).containsExactly("magTranID", "totalRecordsAvailable", "requests");
        assertThat(list.get("totalRecordsAvailable").asLong()).isEqualTo(2);
        JsonNode summary = list.get("requests").get(0);
        List<String> fields = new ArrayList<>();
        summary.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("paymentRequestID", "transactionType", "customerTranID", "customerTranRef",
                "amount", "usageCountLimit", "currentUsageCount", "isEnabled", "dateCreated", "activationDate",
                "expirationDate", "status");
        assertThat(summary.get("paymentRequestID").asString()).isEqualTo(first);
        assertThat(summary.get("customerTranID").asString()).isEqualTo("34344");
        assertThat(summary.get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(summary.get("usageCountLimit").asInt()).isEqualTo(50);
        assertThat(summary.get("status").asInt()).isEqualTo(2);
        assertThat(list.get("requests").get(1).get("paymentRequestID").asString()).isEqualTo(second);
    }

    @Test
    void shouldPageFilterByDateAndStatus() {
        Merchant merchant = api().onboard();
        String first = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        String second = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        String disabled = api().create(merchant, Map.of("isEnabled", false)).get("paymentRequestID").asString();

        JsonNode page2 = api().ok(api().get(merchant, "/api/PaymentRequest?ps=1&pn=2"));
        JsonNode active = api().ok(api().get(merchant, "/api/PaymentRequest?st=2"));
        JsonNode off = api().ok(api().get(merchant, "/api/PaymentRequest?st=0&ds=" + TODAY + "&de=" + TODAY));
        JsonNode past = api().ok(api().get(merchant, "/api/PaymentRequest?ds=20220413&de=20220421&ps=20&pn=1&st=4"));

        assertThat(page2.get("totalRecordsAvailable").asLong()).isEqualTo(3);
        assertThat(page2.get("requests")).hasSize(1);
        assertThat(page2.get("requests").get(0).get("paymentRequestID").asString()).isEqualTo(second);
        assertThat(ids(active)).containsExactly(first, second);
        assertThat(ids(off)).containsExactly(disabled);
        assertThat(off.get("requests").get(0).get("status").asInt()).isZero();
        assertThat(past.get("totalRecordsAvailable").asLong()).isZero();
        assertThat(past.get("requests").isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseBadDatesAndOutOfRangePagingWithAPaymentRequestListError() {
        Merchant merchant = api().onboard();
        api().create(merchant, Map.of());

        for (String query : List.of("ds=20221301", "ds=2022-01-01", "de=abc", "ds=20220230", "ds=" + TODAY
                + "&de=20200101", "ps=0", "ps=1001", "ps=x", "pn=0", "pn=2", "st=5", "st=-1", "st=active")) {
            HttpResponse<String> response = api().get(merchant, "/api/PaymentRequest?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/json");
            JsonNode error = api().read(response);
            assertThat(error.get("magTranID").asString()).as(query).hasSize(36);
            assertThat(error.get("errorCode").asString()).as(query).isEqualTo("InvalidParameter");
            assertThat(error.get("errorMessage").asString()).as(query).matches("(ds|de|ps|pn|st) .+");
        }
        assertThat(api().get(merchant, "/api/PaymentRequest?ps=1000&pn=1").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNotFindUnknownIdsOrAnotherCustomersRequest() {
        Merchant owner = api().onboard();
        Merchant other = api().onboard();
        String id = api().create(owner, Map.of()).get("paymentRequestID").asString();

        for (String path : List.of("/api/PaymentRequest/" + id, "/api/PaymentRequest/00000000-0000-0000-0000-000000000000",
                "/api/PaymentRequest/not-an-id")) {
            Merchant caller = path.endsWith(id) ? other : owner;
            HttpResponse<String> response = api().get(caller, path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(api().read(response).get("errorCode").asString()).isEqualTo("PaymentRequestNotFound");
        }
        HttpResponse<String> put = api().put(other, id, api().body(Map.of("amount", 1)));
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(api().ok(api().get(other, "/api/PaymentRequest")).get("totalRecordsAvailable").asLong()).isZero();
        assertThat(api().ok(api().get(owner, "/api/PaymentRequest/" + id)).get("amount").decimalValue())
                .isEqualByComparingTo("100.00");
    }

    @Test
    void shouldAnswerABare401ForAnyAuthenticationFailure() {
        Merchant merchant = api().onboard();
        String wrongCustomer = "Basic " + Base64.getEncoder().encodeToString(("NOPE/" + merchant.username() + ":"
                + merchant.password()).getBytes());
        String noSlash = "Basic " + Base64.getEncoder().encodeToString((merchant.username() + ":"
                + merchant.password()).getBytes());

        List<HttpResponse<String>> responses = List.of(
                api().get(merchant.withPassword("wrong password"), "/api/PaymentRequest"),
                api().http().get("/api/PaymentRequest"),
                api().http().get("/api/PaymentRequest", Map.of("Authorization", wrongCustomer)),
                api().http().get("/api/PaymentRequest", Map.of("Authorization", noSlash)),
                api().http().get("/api/PaymentRequest", Map.of("Authorization", "Basic %%%")),
                api().http().get("/api/PaymentRequest", Map.of("Authorization", "Bearer abc")),
                api().post(merchant.withPassword(""), PaymentRequestApi.EXAMPLE_BODY));

        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM payment_request WHERE merchant_id = :id")
                .param("id", merchant.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldAcceptTheCustomerCodeAndUsernameInAnyCase() {
        Merchant merchant = api().onboard();
        Merchant shouting = new Merchant(merchant.id(), merchant.customerCode().toLowerCase(),
                merchant.username().toUpperCase(), merchant.password());

        assertThat(api().get(shouting, "/api/PaymentRequest").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseInvalidBodiesInTheApisErrorShape() {
        Merchant merchant = api().onboard();
        Map<String, Map<String, Object>> invalid = Map.of(
                "amount is required", Map.of("amount", 0),
                "amount must be between", Map.of("amount", new BigDecimal("10.001")),
                "taxAmount must be between", Map.of("taxAmount", -1),
                "taxPercent must be between", Map.of("taxPercent", 101),
                "usageCountLimit must be between", Map.of("usageCountLimit", -1),
                "transactionType must be", Map.of("transactionType", 7),
                "expirationDate must be after", Map.of("expirationDate", "2023-01-01T00:00:00Z"),
                "activationDate must be an ISO", Map.of("activationDate", "yesterday"),
                "additionalInfo must be a JSON array", Map.of("additionalInfo", Map.of("a", 1)));

        invalid.forEach((message, change) -> {
            HttpResponse<String> response = api().post(merchant, api().body(change));

            assertThat(response.statusCode()).as(message).isEqualTo(400);
            JsonNode error = api().read(response);
            assertThat(error.get("errorCode").asString()).isEqualTo("InvalidParameter");
            assertThat(error.get("errorMessage").asString()).as(message).startsWith(message);
        });
        HttpResponse<String> malformed = api().post(merchant, "{\"amount\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api().read(malformed).get("errorCode").asString()).isEqualTo("InvalidParameter");
        assertThat(api().read(malformed).get("magTranID").asString()).hasSize(36);
        HttpResponse<String> wrongType = api().http().send("POST", "/api/PaymentRequest", null,
                Map.of("Authorization", merchant.authorization(), "Content-Type", "text/plain"));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(api().read(wrongType).get("errorCode").asString()).isEqualTo("UnsupportedMediaType");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_request WHERE merchant_id = :id")
                .param("id", merchant.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseAmountsWhoseLargestTotalCannotBeRecorded() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        Map<String, Map<String, Object>> invalid = Map.of(
                "amount + taxAmount + the largest tip", Map.of("amount", new BigDecimal("999999999999.99"),
                        "taxAmount", 0, "taxPercent", 0),
                "amount + taxAmount must be at most", Map.of("amount", new BigDecimal("999999999999.99"),
                        "taxAmount", new BigDecimal("0.01"), "taxPercent", 0, "promptForTips", false),
                "taxAmount must not be greater than amount", Map.of("amount", 10, "taxAmount",
                        new BigDecimal("999999999999.99"), "taxPercent", 0));

        invalid.forEach((message, change) -> {
            for (HttpResponse<String> response : List.of(api().post(merchant, api().body(change)),
                    api().put(merchant, id, api().body(change)))) {
                assertThat(response.statusCode()).as(message).isEqualTo(400);
                assertThat(api().read(response).get("errorCode").asString()).isEqualTo("InvalidParameter");
                assertThat(api().read(response).get("errorMessage").asString()).as(message).startsWith(message);
            }
        });
        JsonNode largest = api().create(merchant, Map.of("amount", new BigDecimal("499999999999.99"),
                "taxAmount", 0, "taxPercent", 0));
        assertThat(largest.get("paymentRequestID").asString()).hasSize(36);
    }

    @Test
    void shouldComputeTheTaxFromThePercentWhenNoTaxAmountIsGiven() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("amount", new BigDecimal("19.99"), "taxAmount", 0,
                "taxPercent", new BigDecimal("8.25"))).get("paymentRequestID").asString();

        JsonNode request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));

        assertThat(request.get("taxAmount").decimalValue()).isEqualByComparingTo("1.65");
    }

    @Test
    void shouldRefuseATaxAmountThatDisagreesWithTheTaxPercent() {
        Merchant merchant = api().onboard();
        Map<String, Object> disagreeing = Map.of("amount", 100, "taxAmount", new BigDecimal("10.00"), "taxPercent", 5);

        HttpResponse<String> response = api().post(merchant, api().body(disagreeing));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api().read(response).get("errorCode").asString()).isEqualTo("InvalidParameter");
        assertThat(api().read(response).get("errorMessage").asString())
                .isEqualTo("taxAmount must be amount × taxPercent / 100 rounded to 2 decimals (5.00) when both are "
                        + "given.");
        JsonNode agreeing = api().create(merchant, Map.of("amount", new BigDecimal("19.99"), "taxAmount",
                new BigDecimal("1.65"), "taxPercent", new BigDecimal("8.25")));
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + agreeing.get("paymentRequestID")
                .asString())).get("taxAmount").decimalValue()).isEqualByComparingTo("1.65");
        JsonNode flat = api().create(merchant, Map.of("taxAmount", new BigDecimal("7.00"), "taxPercent", 0));
        assertThat(flat.get("paymentRequestID").asString()).hasSize(36);
    }

    @Test
    void shouldReplaceEveryFieldWithPut() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        String update = """
                {"transactionType": 1, "customerTranID": "UpdatedID", "customerTranRef": "UpdatedRef",
                 "amount": 200.0, "taxAmount": 10.0, "taxPercent": 5.0, "additionalInfo": [{"key": "table", "value": "7"}],
                 "miscData": "Updated data", "processorName": "UpdatedProcessor", "promptForTax": true,
                 "promptForTips": false, "termsAndTransactionInfo": "Updated terms", "usageCountLimit": 10,
                 "isEnabled": true, "activationDate": "2024-01-01T00:00:00Z", "expirationDate": "2048-12-31T23:59:59Z"}""";

        JsonNode updated = api().ok(api().put(merchant, id, update));

        assertThat(updated.get("paymentRequestID").asString()).isEqualTo(id);
        assertThat(updated.get("customerTranID").asString()).isEqualTo("UpdatedID");
        assertThat(updated.get("amount").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(updated.get("taxAmount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(updated.get("additionalInfo").get(0).get("value").asString()).isEqualTo("7");
        assertThat(updated.get("promptForTips").asBoolean()).isFalse();
        assertThat(updated.get("usageCountLimit").asInt()).isEqualTo(10);
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("processorName").asString())
                .isEqualTo("UpdatedProcessor");
        HttpResponse<String> invalid = api().put(merchant, id, api().body(Map.of("amount", -5)));
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseToRewriteARequestThatWasAlreadyPaid() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", 5)).get("paymentRequestID").asString();
        assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);

        HttpResponse<String> rewrite = api().put(merchant, id, api().body(Map.of("amount", 1, "taxAmount", 0,
                "usageCountLimit", 5)));
        HttpResponse<String> belowUsage = api().put(merchant, id, api().body(Map.of("usageCountLimit", 0)));
        HttpResponse<String> disable = api().put(merchant, id, api().body(Map.of("isEnabled", false,
                "usageCountLimit", 5, "expirationDate", "2030-01-01T00:00:00Z")));

        assertThat(rewrite.statusCode()).isEqualTo(409);
        assertThat(api().read(rewrite).get("errorCode").asString()).isEqualTo("PaymentRequestAlreadyUsed");
        assertThat(belowUsage.statusCode()).isEqualTo(200);
        assertThat(api().read(disable).get("isEnabled").asBoolean()).isFalse();
        assertThat(api().read(disable).get("status").asInt()).isZero();
        assertThat(api().read(disable).get("expirationDate").asString()).isEqualTo("2030-01-01T00:00:00");
        assertThat(api().read(disable).get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(api().read(api().put(merchant, id, api().body(Map.of("usageCountLimit", 1, "isEnabled", true))))
                .get("status").asInt()).isEqualTo(4);
    }

    @Test
    void shouldDisableAUsedRequestThatCarriesAdditionalInfo() {
        Merchant merchant = api().onboard();
        List<Object> additionalInfo = List.of("a", "b", Map.of("key", "table", "value", 7));
        String id = api().create(merchant, Map.of("usageCountLimit", 5, "additionalInfo", additionalInfo))
                .get("paymentRequestID").asString();
        assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);

        HttpResponse<String> disable = api().put(merchant, id, api().body(Map.of("usageCountLimit", 5,
                "additionalInfo", additionalInfo, "isEnabled", false)));

        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(200);
        assertThat(api().read(disable).get("isEnabled").asBoolean()).isFalse();
        assertThat(api().read(disable).get("additionalInfo").get(2).get("value").asInt()).isEqualTo(7);
        HttpResponse<String> rewrite = api().put(merchant, id, api().body(Map.of("usageCountLimit", 5,
                "additionalInfo", List.of("a", "c"))));
        assertThat(rewrite.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldAcceptAnUnchangedPutOfAUsedRequestWithSevenDigitTimesOrNoActivationDate() {
        Merchant merchant = api().onboard();
        Map<String, Object> dotNet = Map.of("usageCountLimit", 5, "activationDate", "2024-01-01T00:00:00.1234567Z",
                "expirationDate", "2048-12-31T23:59:59.9999999Z");
        String precise = api().create(merchant, dotNet).get("paymentRequestID").asString();
        var absent = (tools.jackson.databind.node.ObjectNode) json.readTree(api().body(Map.of("usageCountLimit", 5)));
        absent.remove("activationDate");
        String noActivation = api().ok(api().post(merchant, absent.toString())).get("paymentRequestID").asString();
        String activation = api().ok(api().get(merchant, "/api/PaymentRequest/" + noActivation))
                .get("activationDate").asString();
        for (String id : List.of(precise, noActivation)) {
            assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);
        }

        HttpResponse<String> samePrecise = api().put(merchant, precise, api().body(dotNet));
        HttpResponse<String> sameAbsent = api().put(merchant, noActivation, absent.toString());

        assertThat(samePrecise.statusCode()).as(samePrecise.body()).isEqualTo(200);
        assertThat(api().read(samePrecise).get("activationDate").asString()).isEqualTo("2024-01-01T00:00:00.123456");
        assertThat(sameAbsent.statusCode()).as(sameAbsent.body()).isEqualTo(200);
        assertThat(api().read(sameAbsent).get("activationDate").asString()).isEqualTo(activation);
    }

    @Test
    void shouldAnswerOnlyTheLatestHundredTransactionsWithTheirCount() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        jdbc.sql("""
                INSERT INTO payment_transaction (transaction_id, payment_request_id, result, method, amount,
                    tax_amount, tip_amount, total_amount, processor_reference, decline_reason, date_created)
                SELECT gen_random_uuid(), CAST(:id AS uuid), 'DECLINED', 'WALLET', 100, 5, 0, 105, 'SBX-' || n,
                    'Wallet payment declined', TIMESTAMPTZ '2026-01-01 00:00:00+00' + n * INTERVAL '1 second'
                FROM generate_series(1, 105) n
                """).param("id", id).update();

        JsonNode request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));

        assertThat(request.get("totalTransactions").asLong()).isEqualTo(105);
        assertThat(request.get("transactions")).hasSize(100);
        assertThat(request.get("transactions").get(0).get("processorReference").asString()).isEqualTo("SBX-6");
        assertThat(request.get("transactions").get(99).get("processorReference").asString()).isEqualTo("SBX-105");
    }

    @Test
    void shouldWriteAmountsAndDatesAsTheSeedsExample() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("amount", 10, "taxAmount", new BigDecimal("0.50"), "taxPercent", 5,
                "activationDate", "2022-04-18T07:43:12.313Z", "expirationDate", "2022-06-17T07:43:12.6Z"))
                .get("paymentRequestID").asString();

        String single = api().get(merchant, "/api/PaymentRequest/" + id).body();
        String list = api().get(merchant, "/api/PaymentRequest?st=3").body();

        assertThat(single).contains("\"amount\":10,").contains("\"taxAmount\":0.5,").contains("\"taxPercent\":5,")
                .contains("\"activationDate\":\"2022-04-18T07:43:12.313\"")
                .contains("\"expirationDate\":\"2022-06-17T07:43:12.6\"");
        assertThat(list).contains("\"amount\":10,");
        assertThat(api().read(api().get(merchant, "/api/PaymentRequest/" + id)).get("dateCreated").asString())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,5}[1-9])?\\+00:00");
    }

    @Test
    void shouldDeriveEachStatusConsistentlyInTheListAndById() {
        Merchant merchant = api().onboard();
        Map<Integer, String> ids = Map.of(
                0, api().create(merchant, Map.of("isEnabled", false)).get("paymentRequestID").asString(),
                1, api().create(merchant, Map.of("activationDate", "2047-01-01T00:00:00Z")).get("paymentRequestID")
                        .asString(),
                2, api().create(merchant, Map.of()).get("paymentRequestID").asString(),
                3, api().create(merchant, Map.of("activationDate", "2020-01-01T00:00:00Z", "expirationDate",
                        "2021-01-01T00:00:00Z")).get("paymentRequestID").asString(),
                4, api().create(merchant, Map.of("usageCountLimit", 1)).get("paymentRequestID").asString());
        assertThat(api().pay(ids.get(4), PaymentRequestApi.card("4111111111111111", "")).statusCode())
                .isEqualTo(303);

        ids.forEach((status, id) -> {
            assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("status").asInt())
                    .as("status of %s", id).isEqualTo(status);
            JsonNode filtered = api().ok(api().get(merchant, "/api/PaymentRequest?st=" + status));
            assertThat(ids(filtered)).as("st=%d", status).containsExactly(id);
        });
    }

    @Test
    void shouldHonourAnIdempotencyKeyOnCreate() {
        Merchant merchant = api().onboard();
        Map<String, String> headers = Map.of("Authorization", merchant.authorization(), "Idempotency-Key", "order-42");

        HttpResponse<String> first = api().http().post("/api/PaymentRequest", PaymentRequestApi.EXAMPLE_BODY, headers);
        HttpResponse<String> replay = api().http().post("/api/PaymentRequest", PaymentRequestApi.EXAMPLE_BODY, headers);
        HttpResponse<String> other = api().http().post("/api/PaymentRequest", api().body(Map.of("amount", 7)), headers);

        assertThat(api().read(replay).get("paymentRequestID").asString())
                .isEqualTo(api().read(first).get("paymentRequestID").asString());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(api().read(other).get("errorCode").asString()).isEqualTo("UnprocessableRequest");
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest")).get("totalRecordsAvailable").asLong())
                .isOne();
    }

    @Test
    void shouldDocumentEveryRouteInTheOpenApiDocument() {
        JsonNode paths = api().read(api().http().get("/v3/api-docs")).get("paths");

        assertThat(paths.get("/api/PaymentRequest").has("get")).isTrue();
        assertThat(paths.get("/api/PaymentRequest").has("post")).isTrue();
        assertThat(paths.get("/api/PaymentRequest/{id}").has("get")).isTrue();
        assertThat(paths.get("/api/PaymentRequest/{id}").has("put")).isTrue();
        assertThat(paths.get("/pay/{id}").has("get")).isTrue();
        assertThat(paths.get("/pay/{id}").has("post")).isTrue();
        assertThat(paths.get("/pay/{id}/transactions/{transactionId}").has("get")).isTrue();
        assertThat(paths.get("/ws/PaymentRequest").has("get")).isTrue();
        assertThat(paths.get("/pay/assets/payment-page.js").has("get")).isTrue();
        assertThat(paths.get("/pay/assets/payment-page.css").has("get")).isTrue();
        assertThat(paths.get("/v1/sync/merchants").has("post")).isTrue();
        assertThat(paths.get("/api/PaymentRequest").get("get").get("responses").get("400").toString())
                .contains("PaymentRequestListError");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("requests").forEach(r -> ids.add(r.get("paymentRequestID").asString()));
        return ids;
    }
}
