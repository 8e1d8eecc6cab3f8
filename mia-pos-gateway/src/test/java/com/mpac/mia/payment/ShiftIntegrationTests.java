package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class ShiftIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldOpenCheckAndCloseAShift() {
        Session session = api().session();

        JsonNode before = api().ok(api().get(session, "/pos/api/v1/shift/check"));
        JsonNode opened = api().ok(api().post(session, "/pos/api/v1/shift/open", null));
        JsonNode during = api().ok(api().get(session, "/pos/api/v1/shift/check"));
        JsonNode closed = api().ok(api().post(session, "/pos/api/v1/shift/close", null));
        JsonNode after = api().ok(api().get(session, "/pos/api/v1/shift/check"));

        assertThat(before.get("isShiftOpen").asBoolean()).isFalse();
        assertThat(opened.get("isShiftOpen").asBoolean()).isTrue();
        assertThat(during.get("shiftId").asString()).isEqualTo(opened.get("shiftId").asString());
        assertThat(closed.get("isShiftOpen").asBoolean()).isFalse();
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(after.get("isShiftOpen").asBoolean()).isFalse();
    }

    @Test
    void shouldOpenOnlyOneShiftWhenTwoRequestsRace() throws Exception {
        Session session = api().session();
        Callable<Integer> open = () -> api().post(session, "/pos/api/v1/shift/open", null).statusCode();

        List<Integer> statuses;
        try (var executor = Executors.newFixedThreadPool(4)) {
            statuses = executor.invokeAll(List.of(open, open, open, open)).stream().map(f -> {
                try {
                    return f.get();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList();
        }

        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM shift WHERE terminal_id = :t").param("t",
                session.pos().terminalId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldRefuseClosingWithoutAShiftAndMoneyOperationsWithoutOne() {
        Session session = api().session();

        HttpResponse<String> close = api().post(session, "/pos/api/v1/shift/close", null);
        HttpResponse<String> qr = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":10}}");
        HttpResponse<String> refund = api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":1,\"fullRefund\":true,\"reasonCode\":\"R1\"}");

        assertThat(close.statusCode()).isEqualTo(409);
        assertThat(api().json(close).get("errorCode").asString()).isEqualTo("shift_not_open");
        assertThat(qr.statusCode()).isEqualTo(409);
        assertThat(api().json(qr).get("errorCode").asString()).isEqualTo("shift_not_open");
        assertThat(refund.statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM qr_code WHERE terminal_id = :t").param("t",
                session.pos().terminalId()).query(Integer.class).single()).isZero();
    }

    @Test
    void shouldRefuseExtensionsAndV1CodesWithoutAnOpenShiftAndWriteNothing() {
        Session session = api().shiftOpen();
        JsonNode hybrid = api().createQr(session, "{\"qrType\":\"hybrid\",\"amountType\":\"fixed\"}");
        api().ok(api().post(session, "/pos/api/v1/shift/close", null));

        HttpResponse<String> extension = api().post(session,
                "/pos/api/v2/qr/" + hybrid.get("qrId").asString() + "/extension", "{\"amount\":5}");
        HttpResponse<String> v1 = api().post(session, "/pos/api/v1/qr", "{\"amount\":5}");

        assertThat(extension.statusCode()).isEqualTo(409);
        assertThat(api().json(extension).get("errorCode").asString()).isEqualTo("shift_not_open");
        assertThat(v1.statusCode()).isEqualTo(409);
        assertThat(api().json(v1).get("errorCode").asString()).isEqualTo("shift_not_open");
        assertThat(jdbc.sql("SELECT count(*) FROM qr_code WHERE terminal_id = :t").param("t",
                session.pos().terminalId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM qr_extension WHERE qr_id = CAST(:id AS uuid)")
                .param("id", hybrid.get("qrId").asString()).query(Integer.class).single()).isZero();
    }

    @Test
    void shouldCancelTheShiftsActiveCodesAndExtensionsWhenItCloses() {
        Session session = api().shiftOpen();
        JsonNode dynamic = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":10}}");
        JsonNode hybrid = api().createQr(session, "{\"qrType\":\"hybrid\",\"amountType\":\"fixed\"}");
        String extensionId = api().ok(api().post(session,
                "/pos/api/v2/qr/" + hybrid.get("qrId").asString() + "/extension", "{\"amount\":20}"))
                .at("/extensionIfo/extensionId").asString();
        JsonNode paid = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":30}}");
        api().pay(paid.get("qrText").asString(), null);

        JsonNode closed = api().ok(api().post(session, "/pos/api/v1/shift/close", null));
        HttpResponse<String> payAfter = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(dynamic.get("qrText").asString()) + "}");

        assertThat(closed.get("isShiftOpen").asBoolean()).isFalse();
        assertThat(state(session, dynamic)).isEqualTo("cancelled");
        assertThat(state(session, hybrid)).isEqualTo("cancelled");
        assertThat(state(session, paid)).isEqualTo("paid");
        assertThat(api().ok(api().get(session, "/pos/api/v2/qr/extension/" + extensionId + "/check"))
                .get("state").asString()).isEqualTo("cancelled");
        assertThat(api().ok(api().get(session, "/pos/api/v2/qr/active")).get("codes")).isEmpty();
        assertThat(payAfter.statusCode()).isEqualTo(409);
        assertThat(api().json(payAfter).get("errorCode").asString()).isEqualTo("qr_not_active");
    }

    private String state(Session session, JsonNode qr) {
        return api().ok(api().get(session, "/pos/api/v2/qr/" + qr.get("qrId").asString())).get("state").asString();
    }

    @Test
    void shouldListTheShiftsTransactionsNewestFirstInPages() {
        Session session = api().shiftOpen();
        String shiftId = api().ok(api().get(session, "/pos/api/v1/shift/check")).get("shiftId").asString();
        for (int i = 1; i <= 22; i++) {
            JsonNode qr = api().createQr(session,
                    "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":" + i + "}}");
            api().pay(qr.get("qrText").asString(), null);
        }

        JsonNode first = api().ok(api().get(session, "/pos/api/v1/shift/" + shiftId + "/transactions"));
        long last = first.at("/txList/19/id").asLong();
        JsonNode second = api().ok(api().get(session, "/pos/api/v1/shift/" + shiftId + "/transactions?txId=" + last));

        assertThat(first.get("isEnded").asBoolean()).isFalse();
        assertThat(first.get("txList")).hasSize(20);
        assertThat(first.at("/txList/0/amount").decimalValue()).isEqualByComparingTo("22");
        assertThat(first.at("/txList/0/type").asString()).isEqualTo("paid");
        assertThat(first.at("/txList/0/ccy").asString()).isEqualTo("MDL");
        assertThat(second.get("isEnded").asBoolean()).isTrue();
        assertThat(second.get("txList")).hasSize(2);
        assertThat(second.at("/txList/1/amount").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void shouldNotShowAnotherTerminalsShift() {
        Session mine = api().shiftOpen();
        Session other = api().shiftOpen();
        String otherShift = api().ok(api().get(other, "/pos/api/v1/shift/check")).get("shiftId").asString();

        HttpResponse<String> response = api().get(mine, "/pos/api/v1/shift/" + otherShift + "/transactions");
        HttpResponse<String> badId = api().get(mine, "/pos/api/v1/shift/not-a-uuid/transactions");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api().json(response).get("errorCode").asString()).isEqualTo("not_found");
        assertThat(badId.statusCode()).isEqualTo(400);
    }
}
