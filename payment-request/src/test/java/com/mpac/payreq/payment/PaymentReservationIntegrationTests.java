package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/**
 * The processor is called with no database transaction open, after the use was reserved and a PENDING transaction
 * committed; a decline releases the reserved use.
 */
class PaymentReservationIntegrationTests extends PaymentRequestIntegrationTest {

    @MockitoSpyBean
    SandboxProcessor processor;

    @Test
    void shouldReserveTheUseBeforeChargingAndReleaseItWhenDeclined() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", 1)).get("paymentRequestID").asString();
        List<String> seenDuringCharge = new ArrayList<>();
        doAnswer(charge -> {
            seenDuringCharge.add(TransactionSynchronizationManager.isActualTransactionActive() ? "in transaction"
                    : "no transaction");
            // Read on another connection: only what was committed before the charge.
            seenDuringCharge.add(jdbc.sql("""
                    SELECT r.current_usage_count || ' ' || string_agg(t.result, ',')
                    FROM payment_request r JOIN payment_transaction t USING (payment_request_id)
                    WHERE payment_request_id = CAST(:id AS uuid) GROUP BY r.current_usage_count
                    """).param("id", id).query(String.class).single());
            return charge.callRealMethod();
        }).when(processor).charge(any(), any());

        assertThat(api().pay(id, PaymentRequestApi.card("4000000000000002", "")).statusCode()).isEqualTo(303);

        assertThat(seenDuringCharge).containsExactly("no transaction", "1 PENDING");
        JsonNode declined = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(declined.get("currentUsageCount").asInt()).isZero();
        assertThat(declined.get("status").asInt()).isEqualTo(2);
        assertThat(declined.get("transactions").get(0).get("result").asString()).isEqualTo("DECLINED");
        assertThat(declined.get("transactions").get(0).get("processorReference").asString()).startsWith("SBX-");
        assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);
        JsonNode approved = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(approved.get("currentUsageCount").asInt()).isOne();
        assertThat(approved.get("status").asInt()).isEqualTo(4);
        assertThat(approved.get("transactions").get(1).get("result").asString()).isEqualTo("APPROVED");
    }
}
