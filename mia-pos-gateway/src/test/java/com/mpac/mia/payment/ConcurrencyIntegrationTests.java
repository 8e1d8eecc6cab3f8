package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi;
import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Money moves once however requests race: row locks on the code's extension and on the original payment. Limits
 * hold too: the terminal's row lock keeps racing activation inits within the cap.
 */
class ConcurrencyIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldTakeADynamicQrsPaymentOnceWhenPayersRace() throws Exception {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":10}}");
        String body = "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString()) + "}";

        List<Integer> statuses = race(() -> api().postPublic("/pos/sandbox/pay", body).statusCode(), 6);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(409);
        assertThat(jdbc.sql("SELECT count(*) FROM transaction WHERE qr_id = CAST(:id AS uuid)")
                .param("id", qr.get("qrId").asString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNeverReturnMoreThanPaidWhenReturnsRace() throws Exception {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":100}}");
        long txId = api().pay(qr.get("qrText").asString(), null).get("txId").asLong();
        String body = "{\"txId\":" + txId + ",\"amount\":40,\"fullRefund\":false,\"reasonCode\":\"R\"}";

        List<Integer> statuses = race(() -> api().post(session, "/pos/api/v1/transaction/return", body).statusCode(),
                5);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(2);
        assertThat(jdbc.sql("SELECT sum(amount) FROM transaction WHERE original_tx_id = :id").param("id", txId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("80");
    }

    @Test
    void shouldStartNoMoreActivationsThanTheCapWhenInitsRace() throws Exception {
        MiaApi.Pos pos = api().onboard();

        List<Integer> statuses = race(() -> api().init(pos).statusCode(), 8);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(429);
        assertThat(jdbc.sql("SELECT count(*) FROM activation WHERE terminal_id = :t").param("t", pos.terminalId())
                .query(Integer.class).single()).isEqualTo(5);
    }

    private static List<Integer> race(Callable<Integer> call, int times) throws InterruptedException {
        try (var executor = Executors.newFixedThreadPool(times)) {
            List<Future<Integer>> futures = executor.invokeAll(java.util.Collections.nCopies(times, call));
            return futures.stream().map(f -> {
                try {
                    return f.get();
                }
                catch (InterruptedException | ExecutionException ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList();
        }
    }
}
