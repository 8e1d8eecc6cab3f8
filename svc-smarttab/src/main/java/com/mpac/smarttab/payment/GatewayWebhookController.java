package com.mpac.smarttab.payment;

import java.time.Clock;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.smarttab.config.SmartTabProperties;
import com.mpac.smarttab.gateway.GatewayIntent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * mpac-pgw's events for SmartTab's platform subscription. Verified as Standard Webhooks against the subscription's
 * secrets before anything is read, failing closed (no secret configured: every delivery is refused); each
 * {@code webhook-id} is applied once.
 */
@RestController
@Tag(name = "Gateway webhooks")
class GatewayWebhookController {

    private final List<String> secrets;
    private final SmartTabProperties properties;
    private final GatewayOutcomes outcomes;
    private final PaymentRepository payments;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;

    GatewayWebhookController(SmartTabProperties properties, GatewayOutcomes outcomes, PaymentRepository payments,
            JdbcClient jdbc, JsonMapper json, Clock clock, TransactionTemplate transaction) {
        this.secrets = properties.gateway().webhookSecrets().stream().filter(s -> s.startsWith("whsec_")).toList();
        this.properties = properties;
        this.outcomes = outcomes;
        this.payments = payments;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.transaction = transaction;
    }

    @PostMapping(path = "/webhooks/pgw", consumes = "application/json")
    @Operation(summary = "mpac-pgw events", description = "Standard Webhooks (webhook-id, webhook-timestamp, "
            + "webhook-signature) signed with the platform subscription's whsec_ secret. payment_intent.* events "
            + "move the payment and its bill; refund.* events complete refunds. 401 for a bad signature.")
    ResponseEntity<Void> receive(@RequestHeader(name = StandardWebhook.ID, required = false) String id,
            @RequestHeader(name = StandardWebhook.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = StandardWebhook.SIGNATURE, required = false) String signature,
            @RequestBody String body) {
        if (!StandardWebhook.verify(secrets, id, timestamp, signature, body, clock.instant(),
                properties.gateway().webhookTolerance())) {
            throw new ApiException(ProblemTypes.UNAUTHENTICATED, "The webhook signature is not valid.");
        }
        JsonNode event = json.readTree(body);
        String type = event.path("type").asString();
        boolean fresh = transaction.execute(status -> jdbc.sql("""
                INSERT INTO gateway_webhook (webhook_id, event_type) VALUES (:id, :type) ON CONFLICT DO NOTHING
                """).param("id", id).param("type", type).update() == 1);
        if (!fresh) {
            return ResponseEntity.ok().build();
        }
        try {
            JsonNode object = event.path("data").path("object");
            if (type.startsWith("payment_intent.")) {
                outcomes.apply(GatewayIntent.of(object));
            }
            else if (type.startsWith("refund.")) {
                applyRefund(object);
            }
        }
        catch (RuntimeException ex) {
            // Not applied: forget the id so the gateway's retry is applied.
            transaction.executeWithoutResult(status -> jdbc.sql("DELETE FROM gateway_webhook WHERE webhook_id = :id")
                    .param("id", id).update());
            throw ex;
        }
        return ResponseEntity.ok().build();
    }

    /**
     * A refund's final word settles the PENDING SmartTab refund with that gateway refund id; one whose id SmartTab
     * never learnt (the first answer was lost) is the pending refund of the same amount not yet tied to a gateway
     * refund. A success for a refund SmartTab already failed is flagged on the payment for review.
     */
    private void applyRefund(JsonNode refund) {
        String gatewayRefundId = refund.path("id").asString();
        String intentId = refund.path("payment_intent").asString();
        String status = refund.path("status").asString();
        long amount = refund.path("amount").asLong();
        payments.findByIntent(intentId).ifPresent(payment -> {
            java.util.Optional<Refund> known = payments.findRefundByGatewayId(payment.id(), gatewayRefundId);
            java.util.Optional<Refund> candidate = known.isPresent() ? known : payments.refunds(payment.id()).stream()
                    .filter(r -> r.status().equals("PENDING") && r.gatewayRefundId() == null)
                    .filter(r -> com.mpac.smarttab.money.Money.toMinor(r.amount(), r.currency()) == amount)
                    .findFirst();
            candidate.ifPresent(found -> {
                if (!found.status().equals("PENDING")) {
                    if (found.status().equals("FAILED") && status.equals("succeeded")) {
                        transaction.executeWithoutResult(tx -> payments.flagForReview(payment.id(),
                                "refund_succeeded_after_failure", "The gateway refunded " + amount + " ("
                                        + gatewayRefundId + ") for refund " + found.id() + " that SmartTab failed."));
                    }
                    return;
                }
                if (status.equals("succeeded")) {
                    outcomes.completeRefund(found, true, gatewayRefundId, null);
                }
                else if (status.equals("failed") || status.equals("canceled")) {
                    outcomes.completeRefund(found, false, gatewayRefundId, "the provider refused it");
                }
            });
        });
    }
}
