package com.mpac.mobilepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.testsupport.ServiceBootIntegrationTests;
import com.mpac.testsupport.TestHttp;

/**
 * mobilepay-adapter boots on a real PostgreSQL with the platform's probes, metrics, OpenAPI document and schema;
 * with the platform defaults the shopper's sandbox is off.
 */
class MobilePayAdapterApplicationIntegrationTests extends ServiceBootIntegrationTests {

    @Test
    void shouldAnswerSandboxRoutesWith404WhenTheSandboxIsOff() {
        HttpResponse<String> scan = TestHttp.localhost(port()).post("/api/pos/sandbox/scan",
                "{\"qrContent\":\"mobilepaypos://pos?id=pos_x&source=qr\"}", Map.of());

        assertThat(scan.statusCode()).isEqualTo(404);
        assertThat(scan.body()).contains("\"code\":\"NotFound\"");
    }

    /** One documented operation: its methods, its GET query parameters (name! = required) and its 200 body. */
    private record Documented(String path, Set<String> methods, List<String> parameters, String answer,
            String postBody) {
    }

    private static final List<String> PAYMENT = List.of("paymentId", "orderId", "posId", "terminalId", "storeId",
            "flow", "status", "amount", "currencyCode", "capturedAmount", "refundedAmount", "customerId", "createdAt",
            "updatedAt", "expiresAt", "reservedAt", "capturedAt", "cancelledAt");

    private static final Map<String, List<String>> ANSWERS = Map.ofEntries(
            Map.entry("AccessToken", List.of("bioCode", "accessToken", "createdAt")),
            Map.entry("PointOfSale", List.of("posId", "terminalId", "storeId", "providerTerminalId", "active",
                    "createdAt", "deletedAt")),
            Map.entry("StoreIds", List.of("bioCode", "storeIds")),
            Map.entry("PosStore", List.of("storeId", "name", "status", "timezone", "terminals")),
            Map.entry("CheckInStatus", List.of("posId", "terminalId", "checkedIn", "customerId", "customerName",
                    "checkedInAt")),
            Map.entry("QrCode", List.of("posId", "terminalId", "qrContent", "qrCodeUrl")),
            Map.entry("Payment", PAYMENT),
            Map.entry("Payments", List.of("payments")),
            Map.entry("PaymentStatus", List.of("paymentId", "orderId", "status", "amount", "currencyCode")),
            Map.entry("PaymentIds", List.of("orderId", "paymentIds")),
            Map.entry("Refund", List.of("refundId", "paymentId", "refundOrderId", "amount", "currencyCode", "status",
                    "createdAt", "capturedAt", "cancelledAt")),
            Map.entry("RefundIds", List.of("paymentId", "refundIds")));

    private static final Set<String> GET = Set.of("get");
    private static final Set<String> GET_POST = Set.of("get", "post");

    private static final List<Documented> OPERATIONS = List.of(
            new Documented("/api/pos/manage/token", GET_POST, List.of("bioCode!"), "AccessToken", "TokenRequest"),
            new Documented("/api/pos/manage/token/reset", GET, List.of("bioCode!", "previousAccessToken!"),
                    "AccessToken", null),
            new Documented("/api/pos/manage/create", GET_POST, List.of("terminalId!"), "PointOfSale",
                    "CreatePosRequest"),
            new Documented("/api/pos/manage/delete", Set.of("get", "delete"), List.of("terminalId!"), "PointOfSale",
                    null),
            new Documented("/api/pos/manage/terminal/information", GET, List.of("terminalId!"), "PointOfSale", null),
            new Documented("/api/pos/manage/stores", GET, List.of(), "StoreIds", null),
            new Documented("/api/pos/manage/store", GET, List.of("storeId!"), "PosStore", null),
            new Documented("/api/pos/manage/checkInStatus/byposId", GET, List.of("posId!"), "CheckInStatus", null),
            new Documented("/api/pos/manage/checkInStatus/byterminalId", GET, List.of("terminalId!"),
                    "CheckInStatus", null),
            new Documented("/api/pos/terminal/qrcode", GET, List.of("terminalId!"), "QrCode", null),
            new Documented("/api/pos/payment/start", GET_POST,
                    List.of("orderId!", "amount!", "terminalId!", "currencyCode!"), "Payment", "StartPaymentRequest"),
            new Documented("/api/pos/payment/start/byPosId", GET_POST,
                    List.of("orderId!", "amount!", "posId!", "currencyCode!"), "Payment",
                    "StartPaymentByPosIdRequest"),
            new Documented("/api/pos/payment/prepare", GET_POST, List.of("orderId!", "terminalId!"), "Payment",
                    "PreparePaymentRequest"),
            new Documented("/api/pos/payment/ready", GET_POST,
                    List.of("orderId!", "amount!", "terminalId!", "currencyCode!", "paymentId!"), "Payment",
                    "ReadyPaymentRequest"),
            new Documented("/api/pos/payment/details", GET, List.of("paymentId!"), "Payment", null),
            new Documented("/api/pos/payments", GET, List.of("state", "orderId", "terminalId"), "Payments", null),
            new Documented("/api/pos/payment/status", GET, List.of("paymentId!"), "PaymentStatus", null),
            new Documented("/api/pos/payment/capture", GET, List.of("paymentId!", "amount"), "Payment", null),
            new Documented("/api/pos/payment/cancel", GET, List.of("paymentId!"), "Payment", null),
            new Documented("/api/pos/payment/id/retrieve/bystate", GET, List.of("orderId!", "state!"), "PaymentIds",
                    null),
            new Documented("/api/pos/payment/id/retrieve/byterminal", GET,
                    List.of("orderId!", "terminalId!", "paymentState"), "PaymentIds", null),
            new Documented("/api/pos/payment/id/retrieve/byposId", GET, List.of("orderId!", "posId!", "paymentState"),
                    "PaymentIds", null),
            new Documented("/api/pos/refund/create", GET_POST,
                    List.of("amount!", "currencyCode!", "paymentId!", "refundOrderId!"), "Refund",
                    "CreateRefundRequest"),
            new Documented("/api/pos/refund/details", GET, List.of("refundId!"), "Refund", null),
            new Documented("/api/pos/refunds", GET, List.of("paymentId!"), "RefundIds", null),
            new Documented("/api/pos/refund/capture", GET, List.of("refundId!"), "Refund", null),
            new Documented("/api/pos/refund/cancel", GET, List.of("refundId!"), "Refund", null));

    @Test
    void shouldDocumentEveryOperationOfTheDocumentWithItsMethodsParametersAndAnswers() {
        JsonNode doc = JsonMapper.builder().build().readTree(get("/v3/api-docs").body());
        JsonNode schemas = doc.path("components").path("schemas");

        for (Documented expected : OPERATIONS) {
            JsonNode item = doc.path("paths").path(expected.path());
            assertThat(item.isObject()).as(expected.path()).isTrue();
            assertThat(item.propertyNames()).as(expected.path() + " methods")
                    .containsExactlyInAnyOrderElementsOf(expected.methods());
            boolean tokenFree = expected.path().startsWith("/api/pos/manage/token");
            for (String method : expected.methods()) {
                JsonNode operation = item.path(method);
                String what = method.toUpperCase() + " " + expected.path();
                Map<String, Boolean> parameters = new LinkedHashMap<>();
                operation.path("parameters").forEach(p -> {
                    assertThat(p.path("in").asString()).as(what).isEqualTo("query");
                    parameters.put(p.path("name").asString(), p.path("required").asBoolean(false));
                });
                Map<String, Boolean> wanted = new LinkedHashMap<>();
                if (!method.equals("post")) {
                    expected.parameters().forEach(p -> wanted.put(p.replace("!", ""), p.endsWith("!")));
                }
                if (!tokenFree) {
                    // GET and DELETE carry the credentials in the query; POST may carry them in the body instead.
                    wanted.put("accessToken", !method.equals("post"));
                    wanted.put("bioCode", !method.equals("post"));
                }
                assertThat(parameters).as(what + " parameters").containsExactlyInAnyOrderEntriesOf(wanted);

                if (method.equals("post")) {
                    String body = ref(operation.path("requestBody").path("content").path("application/json"));
                    assertThat(body).as(what + " body").isEqualTo(expected.postBody());
                    List<String> fields = new java.util.ArrayList<>(expected.parameters().stream()
                            .map(p -> p.replace("!", "")).toList());
                    if (!tokenFree) {
                        fields.addAll(List.of("accessToken", "bioCode"));
                    }
                    assertThat(schemas.path(body).path("properties").propertyNames()).as(what + " body fields")
                            .containsExactlyInAnyOrderElementsOf(fields);
                }
                else {
                    assertThat(operation.has("requestBody")).as(what).isFalse();
                }

                JsonNode ok = operation.path("responses").path("200").path("content");
                assertThat(ref(ok.path("application/json"))).as(what + " 200").isEqualTo(expected.answer());
                assertThat(ref(ok.path("application/xml"))).as(what + " 200 xml").isEqualTo(expected.answer());
                assertThat(ref(operation.path("responses").path("401").path("content").path("application/json")))
                        .as(what + " 401").isEqualTo("Error");
            }
            assertThat(schemas.path(expected.answer()).path("properties").propertyNames())
                    .as(expected.answer() + " fields")
                    .containsExactlyInAnyOrderElementsOf(ANSWERS.get(expected.answer()));
        }
        assertThat(schemas.path("Error").path("properties").propertyNames()).containsExactlyInAnyOrder("code",
                "message");
        assertThat(schemas.path("Payments").path("properties").path("payments").path("items").path("$ref")
                .asString()).isEqualTo("#/components/schemas/Payment");
        assertThat(schemas.path("PaymentStatus").path("properties").path("status").path("enum").valueStream()
                .map(JsonNode::asString)).containsExactlyInAnyOrder("Initiated", "Prepared", "Paired",
                        "IssuedToUser", "Reserved", "Captured", "CancelledByUser", "CancelledByClient",
                        "CancelledByMobilePay", "ExpiredAndCancelled", "RejectedByMobilePayDueToAgeRestrictions");
    }

    /** The schema name a media type refers to. */
    private static String ref(JsonNode mediaType) {
        return mediaType.path("schema").path("$ref").asString("").replace("#/components/schemas/", "");
    }
}
