package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** The document's two payment flows end to end, seen through payment/status at every step. */
class PaymentFlowIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldRunTheDirectFlowThroughEveryStateAndCaptureLessThanReserved() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode started = api().start(m, "order-1", "125.50");
        String paymentId = started.get("paymentId").asString();
        assertThat(started.get("status").asString()).isEqualTo("Initiated");
        assertThat(started.get("amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(started.get("amount").toString()).isEqualTo("125.50");
        assertThat(started.get("currencyCode").asString()).isEqualTo("DKK");
        assertThat(started.get("posId").asString()).isEqualTo(pm.posId());
        assertThat(started.get("flow").asString()).isEqualTo("DIRECT");
        assertThat(api().status(m, paymentId)).isEqualTo("Initiated");

        JsonNode checkIn = api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin",
                "{\"customerId\":\"cus_anna\",\"customerName\":\"Anna\"}"));
        assertThat(checkIn.get("checkedIn").asBoolean()).isTrue();
        assertThat(api().status(m, paymentId)).isEqualTo("Paired");

        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/issue"));
        assertThat(api().status(m, paymentId)).isEqualTo("IssuedToUser");

        JsonNode reserved = api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/approve"));
        assertThat(reserved.get("status").asString()).isEqualTo("Reserved");
        assertThat(reserved.get("customerId").asString()).isEqualTo("cus_anna");
        assertThat(api().status(m, paymentId)).isEqualTo("Reserved");

        JsonNode captured = api().ok(api().get(m, "/api/pos/payment/capture",
                Map.of("paymentId", paymentId, "amount", "100.00")));
        assertThat(captured.get("status").asString()).isEqualTo("Captured");
        assertThat(captured.get("capturedAmount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(captured.get("amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(api().status(m, paymentId)).isEqualTo("Captured");

        JsonNode details = api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)));
        assertThat(details.get("orderId").asString()).isEqualTo("order-1");
        assertThat(details.get("reservedAt").isNull()).isFalse();
        assertThat(details.get("capturedAt").isNull()).isFalse();
    }

    @Test
    void shouldRunThePreparedFlow() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode prepared = api().ok(api().get(m, "/api/pos/payment/prepare",
                Map.of("orderId", "order-p", "terminalId", m.terminalId())));
        String paymentId = prepared.get("paymentId").asString();
        assertThat(prepared.get("status").asString()).isEqualTo("Prepared");
        assertThat(prepared.get("amount").isNull()).isTrue();
        assertThat(prepared.get("flow").asString()).isEqualTo("PREPARED");

        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));
        assertThat(api().status(m, paymentId)).isEqualTo("Paired");
        // Without an amount the payment cannot reach the shopper's phone.
        assertThat(api().sandbox("/pos/" + pm.posId() + "/payment/issue").statusCode()).isEqualTo(409);

        JsonNode ready = api().ok(api().get(m, "/api/pos/payment/ready", Map.of("orderId", "order-p",
                "amount", "42", "terminalId", m.terminalId(), "currencyCode", "EUR", "paymentId", paymentId)));
        assertThat(ready.get("status").asString()).isEqualTo("Paired");
        assertThat(ready.get("amount").toString()).isEqualTo("42.00");

        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/issue"));
        assertThat(api().status(m, paymentId)).isEqualTo("IssuedToUser");
        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/approve"));
        assertThat(api().status(m, paymentId)).isEqualTo("Reserved");
        JsonNode captured = api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId)));
        assertThat(captured.get("capturedAmount").toString()).isEqualTo("42.00");
    }

    @Test
    void shouldMoveAPreparedPaymentToInitiatedWhenReadiedBeforeCheckIn() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().ok(api().post(m, "/api/pos/payment/prepare",
                Map.of("orderId", "order-pp", "terminalId", m.terminalId()))).get("paymentId").asString();
        assertThat(api().status(m, paymentId)).isEqualTo("Prepared");

        JsonNode ready = api().ok(api().post(m, "/api/pos/payment/ready", Map.of("orderId", "order-pp",
                "amount", 10.5, "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", paymentId)));

        assertThat(ready.get("status").asString()).isEqualTo("Initiated");
        assertThat(ready.get("amount").toString()).isEqualTo("10.50");
    }

    @Test
    void shouldRefuseReadyWithoutPrepare() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "order-d", "10").get("paymentId").asString();

        HttpResponse<String> response = api().get(m, "/api/pos/payment/ready", Map.of("orderId", "order-d",
                "amount", "12", "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", paymentId));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api().json(response).get("code").asString()).isEqualTo("PaymentNotPrepared");
        assertThat(api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)))
                .get("amount").toString()).isEqualTo("10.00");
    }

    @Test
    void shouldStartByPostAndByPosIdInBothForms() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode byPost = api().ok(api().post(m, "/api/pos/payment/start", Map.of("orderId", "o-1", "amount", 5,
                "terminalId", m.terminalId(), "currencyCode", "DKK")));
        assertThat(byPost.get("status").asString()).isEqualTo("Initiated");
        api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", byPost.get("paymentId").asString())));

        JsonNode byPos = api().ok(api().get(m, "/api/pos/payment/start/byPosId", Map.of("orderId", "o-2",
                "amount", "6", "posId", pm.posId(), "currencyCode", "DKK")));
        assertThat(byPos.get("terminalId").asString()).isEqualTo(m.terminalId());
        api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", byPos.get("paymentId").asString())));

        JsonNode byPosPost = api().ok(api().post(m, "/api/pos/payment/start/byPosId", Map.of("orderId", "o-3",
                "amount", "7.25", "posId", pm.posId(), "currencyCode", "DKK")));
        assertThat(byPosPost.get("amount").toString()).isEqualTo("7.25");
    }

    @Test
    void shouldStartPairedWhenTheShopperIsAlreadyCheckedIn() {
        PosMerchant pm = api().onboardWithPos();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));

        JsonNode started = api().start(pm.merchant(), "o-ci", "3");

        assertThat(started.get("status").asString()).isEqualTo("Paired");
    }

    @Test
    void shouldRefuseToStartAtATerminalDisabledInThePortal() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        var configuration = com.mpac.mobilepay.MobilePayApi.configuration(m, 2, true);
        var store = configuration.stores().getFirst();
        var disabled = new com.mpac.contracts.sync.MerchantConfiguration.Terminal(m.terminalId(), "SN-1",
                com.mpac.contracts.sync.MerchantConfiguration.Status.DISABLED);
        var pushed = new com.mpac.contracts.sync.MerchantConfiguration(configuration.merchantId(), 2L,
                configuration.pspId(), configuration.name(), configuration.status(), configuration.providers(),
                java.util.List.of(new com.mpac.contracts.sync.MerchantConfiguration.Store(store.storeId(),
                        store.name(), store.status(), store.timezone(), java.util.List.of(disabled))),
                java.util.List.of(), java.util.List.of(), java.util.List.of());
        api().ok(api().sync(pushed));

        HttpResponse<String> byTerminal = api().get(m, "/api/pos/payment/start", Map.of("orderId", "o",
                "amount", "1", "terminalId", m.terminalId(), "currencyCode", "DKK"));
        HttpResponse<String> byPos = api().get(m, "/api/pos/payment/start/byPosId", Map.of("orderId", "o",
                "amount", "1", "posId", pm.posId(), "currencyCode", "DKK"));

        assertThat(byTerminal.statusCode()).isEqualTo(400);
        assertThat(api().json(byTerminal).get("message").asString()).contains("disabled");
        assertThat(byPos.statusCode()).isEqualTo(400);
        assertThat(countPayments(m)).isZero();
    }

    @Test
    void shouldRefuseASecondPaymentWhileOneIsActive() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String first = api().start(m, "o-a", "10").get("paymentId").asString();

        HttpResponse<String> second = api().get(m, "/api/pos/payment/start", Map.of("orderId", "o-b",
                "amount", "11", "terminalId", m.terminalId(), "currencyCode", "DKK"));
        HttpResponse<String> prepared = api().get(m, "/api/pos/payment/prepare",
                Map.of("orderId", "o-c", "terminalId", m.terminalId()));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(api().json(second).get("code").asString()).isEqualTo("ActivePaymentExists");
        assertThat(prepared.statusCode()).isEqualTo(409);
        assertThat(countPayments(m)).isEqualTo(1);
        api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", first)));
        assertThat(api().start(m, "o-d", "12").get("status").asString()).isEqualTo("Initiated");
    }

    @Test
    void shouldRefuseCaptureUnlessReservedAndAboveTheReservation() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-x", "20").get("paymentId").asString();

        HttpResponse<String> early = api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(api().json(early).get("code").asString()).isEqualTo("InvalidPaymentState");

        api().shopperApproves(pm.posId());
        HttpResponse<String> tooMuch = api().get(m, "/api/pos/payment/capture",
                Map.of("paymentId", paymentId, "amount", "20.01"));
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).get("code").asString()).isEqualTo("AmountExceedsReserved");
        assertThat(api().status(m, paymentId)).isEqualTo("Reserved");
    }

    @Test
    void shouldCancelInAnyActiveStateButNotAfterCapture() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String reserved = api().reservedPayment(pm, "o-r", "30");
        JsonNode cancelled = api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", reserved)));
        assertThat(cancelled.get("status").asString()).isEqualTo("CancelledByClient");

        String captured = api().reservedPayment(pm, "o-c", "30");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", captured)));
        HttpResponse<String> late = api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", captured));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(api().json(late).get("message").asString()).contains("Captured");
        assertThat(api().status(m, captured)).isEqualTo("Captured");
    }

    @Test
    void shouldRefuseBadInputWithoutWritingAnything() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        Map<String, String> base = Map.of("orderId", "o", "terminalId", m.terminalId());
        for (var bad : new String[][] { { "-5", "DKK" }, { "0", "DKK" }, { "1.234", "DKK" }, { "abc", "DKK" },
                { "10", "XXX1" }, { "10", "ZZZ" }, { "10000000000", "DKK" } }) {
            Map<String, String> params = new java.util.HashMap<>(base);
            params.put("amount", bad[0]);
            params.put("currencyCode", bad[1]);

            HttpResponse<String> response = api().get(m, "/api/pos/payment/start", params);

            assertThat(response.statusCode()).as(String.join(" ", bad)).isEqualTo(400);
            assertThat(api().json(response).get("code").asString()).isEqualTo("InvalidParameter");
        }
        HttpResponse<String> missing = api().get(m, "/api/pos/payment/start", base);
        assertThat(missing.statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = api().raw("POST", "/api/pos/payment/start?accessToken=" + m.accessToken()
                + "&bioCode=" + m.bioCode(), "{\"amount\": \"x\"", Map.of());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api().json(malformed).get("code").asString()).isEqualTo("InvalidParameter");
        assertThat(countPayments(m)).isZero();
    }

    @Test
    void shouldNotShowOrTouchAnotherMerchantsPayment() {
        PosMerchant pm = api().onboardWithPos();
        String paymentId = api().start(pm.merchant(), "o-own", "10").get("paymentId").asString();
        Merchant other = api().onboard();

        for (String path : new String[] { "/api/pos/payment/status", "/api/pos/payment/details",
                "/api/pos/payment/capture", "/api/pos/payment/cancel", "/api/pos/refunds" }) {
            HttpResponse<String> response = api().get(other, path, Map.of("paymentId", paymentId));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(api().json(response).get("code").asString()).isEqualTo("PaymentNotFound");
        }
        HttpResponse<String> startThere = api().get(other, "/api/pos/payment/start/byPosId", Map.of("orderId", "o",
                "amount", "1", "posId", pm.posId(), "currencyCode", "DKK"));
        assertThat(startThere.statusCode()).isEqualTo(404);
        assertThat(api().status(pm.merchant(), paymentId)).isEqualTo("Initiated");
    }

    @Test
    void shouldAnswerInXmlWhenAsked() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-xml", "9.95").get("paymentId").asString();

        HttpResponse<String> status = api().getXml(m, "/api/pos/payment/status", Map.of("paymentId", paymentId));
        HttpResponse<String> error = api().getXml(m, "/api/pos/payment/status", Map.of("paymentId", "pay_none"));

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(status.body()).contains("<paymentId>" + paymentId + "</paymentId>")
                .contains("<status>Initiated</status>").contains("<amount>9.95</amount>");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(error.body()).contains("<code>PaymentNotFound</code>");
    }

    @Test
    void shouldNotReadyAnotherMerchantsPreparedPayment() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = prepare(m, "o-own");
        Merchant other = api().onboardWithPos().merchant();

        HttpResponse<String> ready = api().get(other, "/api/pos/payment/ready", Map.of("orderId", "o-own",
                "amount", "10", "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", paymentId));
        HttpResponse<String> readyWithOwnTerminal = api().get(other, "/api/pos/payment/ready", Map.of("orderId",
                "o-own", "amount", "10", "terminalId", other.terminalId(), "currencyCode", "DKK", "paymentId",
                paymentId));

        for (HttpResponse<String> response : java.util.List.of(ready, readyWithOwnTerminal)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(api().json(response).get("code").asString()).isEqualTo("PaymentNotFound");
        }
        assertUnreadied(m, paymentId);
    }

    @Test
    void shouldNotStartOrPrepareAtAnotherMerchantsTerminal() {
        PosMerchant owner = api().onboardWithPos();
        Merchant other = api().onboardWithPos().merchant();
        String foreignTerminal = owner.merchant().terminalId();

        HttpResponse<String> start = api().get(other, "/api/pos/payment/start", Map.of("orderId", "o",
                "amount", "1", "terminalId", foreignTerminal, "currencyCode", "DKK"));
        HttpResponse<String> startByPost = api().post(other, "/api/pos/payment/start", Map.of("orderId", "o",
                "amount", 1, "terminalId", foreignTerminal, "currencyCode", "DKK"));
        HttpResponse<String> prepare = api().get(other, "/api/pos/payment/prepare",
                Map.of("orderId", "o", "terminalId", foreignTerminal));
        HttpResponse<String> prepareByPost = api().post(other, "/api/pos/payment/prepare",
                Map.of("orderId", "o", "terminalId", foreignTerminal));

        for (HttpResponse<String> response : java.util.List.of(start, startByPost, prepare, prepareByPost)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            assertThat(api().json(response).get("code").asString()).isEqualTo("TerminalNotFound");
        }
        assertThat(countPayments(owner.merchant())).isZero();
        assertThat(countPayments(other)).isZero();
    }

    @Test
    void shouldNotRetrieveByTerminalForAnotherMerchant() {
        PosMerchant owner = api().onboardWithPos();
        Merchant m = owner.merchant();
        String paymentId = api().reservedPayment(owner, "o-lost", "10");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId)));
        Merchant other = api().onboardWithPos().merchant();

        HttpResponse<String> foreign = api().get(other, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-lost", "terminalId", m.terminalId()));
        HttpResponse<String> foreignWithState = api().get(other, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-lost", "terminalId", m.terminalId(), "paymentState", "Captured"));
        HttpResponse<String> ownTerminal = api().get(other, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-lost", "terminalId", other.terminalId()));

        for (HttpResponse<String> response : java.util.List.of(foreign, foreignWithState)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(api().json(response).get("code").asString()).isEqualTo("TerminalNotFound");
            assertThat(response.body()).doesNotContain(paymentId);
        }
        assertThat(ownTerminal.statusCode()).isEqualTo(404);
        assertThat(api().json(ownTerminal).get("code").asString()).isEqualTo("PaymentNotFound");
        JsonNode owned = api().ok(api().get(m, "/api/pos/payment/id/retrieve/byterminal",
                Map.of("orderId", "o-lost", "terminalId", m.terminalId())));
        assertThat(owned.get("paymentIds").toString()).isEqualTo("[\"" + paymentId + "\"]");
    }

    @Test
    void shouldRefuseCaptureWithANegativeOrOverPreciseAmountAndKeepTheReservation() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().reservedPayment(pm, "o-cap", "20");

        for (String bad : new String[] { "-1", "-0.01", "0", "10.001", "1e-3", "abc" }) {
            HttpResponse<String> capture = api().get(m, "/api/pos/payment/capture",
                    Map.of("paymentId", paymentId, "amount", bad));

            assertThat(capture.statusCode()).as(bad).isEqualTo(400);
            assertThat(api().json(capture).get("code").asString()).as(bad).isEqualTo("InvalidParameter");
        }
        JsonNode details = api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)));
        assertThat(details.get("status").asString()).isEqualTo("Reserved");
        assertThat(details.get("capturedAmount").isNull()).isTrue();
        assertThat(details.get("capturedAt").isNull()).isTrue();
        assertThat(api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId, "amount",
                "19.99"))).get("capturedAmount").toString()).isEqualTo("19.99");
    }

    @Test
    void shouldRefuseReadyWithABadAmountOrAnotherOrderOrTerminalAndKeepItPrepared() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = prepare(m, "o-prep");

        for (String bad : new String[] { "-1", "0", "10.001", "abc" }) {
            HttpResponse<String> ready = api().get(m, "/api/pos/payment/ready", Map.of("orderId", "o-prep",
                    "amount", bad, "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", paymentId));
            assertThat(ready.statusCode()).as(bad).isEqualTo(400);
            assertThat(api().json(ready).get("code").asString()).isEqualTo("InvalidParameter");
        }
        HttpResponse<String> overPreciseByPost = api().post(m, "/api/pos/payment/ready", Map.of("orderId", "o-prep",
                "amount", new java.math.BigDecimal("1.005"), "terminalId", m.terminalId(), "currencyCode", "DKK",
                "paymentId", paymentId));
        HttpResponse<String> otherOrder = api().get(m, "/api/pos/payment/ready", Map.of("orderId", "o-else",
                "amount", "10", "terminalId", m.terminalId(), "currencyCode", "DKK", "paymentId", paymentId));
        HttpResponse<String> otherTerminal = api().get(m, "/api/pos/payment/ready", Map.of("orderId", "o-prep",
                "amount", "10", "terminalId", m.otherTerminalId(), "currencyCode", "DKK", "paymentId", paymentId));

        assertThat(overPreciseByPost.statusCode()).isEqualTo(400);
        assertThat(api().json(overPreciseByPost).get("message").asString()).contains("decimals");
        assertThat(otherOrder.statusCode()).isEqualTo(400);
        assertThat(api().json(otherOrder).get("code").asString()).isEqualTo("InvalidParameter");
        assertThat(api().json(otherOrder).get("message").asString()).contains("orderId");
        assertThat(otherTerminal.statusCode()).isEqualTo(400);
        assertThat(api().json(otherTerminal).get("code").asString()).isEqualTo("InvalidParameter");
        assertThat(api().json(otherTerminal).get("message").asString()).contains("terminalId");
        assertUnreadied(m, paymentId);
    }

    @Test
    void shouldKeepAZeroDecimalCurrencyWithoutDecimals() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        HttpResponse<String> withFraction = api().get(m, "/api/pos/payment/start", Map.of("orderId", "o-jpy",
                "amount", "1000.5", "terminalId", m.terminalId(), "currencyCode", "JPY"));
        assertThat(withFraction.statusCode()).isEqualTo(400);
        assertThat(api().json(withFraction).get("message").asString()).contains("0 decimals for JPY");
        assertThat(countPayments(m)).isZero();

        JsonNode started = api().ok(api().get(m, "/api/pos/payment/start", Map.of("orderId", "o-jpy",
                "amount", "1500.00", "terminalId", m.terminalId(), "currencyCode", "JPY")));
        String paymentId = started.get("paymentId").asString();
        assertThat(started.get("amount").toString()).isEqualTo("1500");
        assertThat(started.get("currencyCode").asString()).isEqualTo("JPY");
        api().shopperApproves(pm.posId());
        assertThat(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId, "amount", "1200.5"))
                .statusCode()).isEqualTo(400);
        JsonNode captured = api().ok(api().get(m, "/api/pos/payment/capture",
                Map.of("paymentId", paymentId, "amount", "1200")));
        assertThat(captured.get("capturedAmount").toString()).isEqualTo("1200");
        JsonNode refund = api().ok(api().get(m, "/api/pos/refund/create", Map.of("paymentId", paymentId,
                "amount", "500", "currencyCode", "JPY", "refundOrderId", "r-jpy")));
        assertThat(refund.get("amount").toString()).isEqualTo("500");
        HttpResponse<String> xml = api().getXml(m, "/api/pos/payment/status", Map.of("paymentId", paymentId));
        assertThat(xml.body()).contains("<amount>1500</amount>").contains("<currencyCode>JPY</currencyCode>");
    }

    private String prepare(Merchant m, String orderId) {
        return api().ok(api().get(m, "/api/pos/payment/prepare",
                Map.of("orderId", orderId, "terminalId", m.terminalId()))).get("paymentId").asString();
    }

    /** Still Prepared, without an amount or currency, and still the only payment of the merchant. */
    private void assertUnreadied(Merchant m, String paymentId) {
        JsonNode details = api().ok(api().get(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)));
        assertThat(details.get("status").asString()).isEqualTo("Prepared");
        assertThat(details.get("amount").isNull()).isTrue();
        assertThat(details.get("currencyCode").isNull()).isTrue();
        assertThat(countPayments(m)).isEqualTo(1);
    }

    private int countPayments(Merchant m) {
        return jdbc.sql("SELECT count(*) FROM payment WHERE merchant_id = :m").param("m", m.id())
                .query(Integer.class).single();
    }
}
