package com.mpac.pgw.provider.paypay;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.pgw.intent.ProviderEvents;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderCalls;
import com.mpac.pgw.provider.ProviderOutcome;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPay's transaction webhook. PayPay signs none of its webhooks (its documentation recommends allow-listing its
 * addresses and confirming with the API), so the gateway verifies each one the only sound way: it asks PayPay,
 * with the merchant's own credentials, for the payment named in the event, and accepts the event only if PayPay's
 * answer agrees with it. What is applied is PayPay's answer, never the posted body; an event that cannot be
 * confirmed is refused and changes nothing.
 */
@RestController
@Tag(name = "Provider webhooks")
class PayPayWebhookController {

    private final ProviderEvents events;
    private final ProviderCalls providers;
    private final JsonMapper json;

    PayPayWebhookController(ProviderEvents events, ProviderCalls providers, JsonMapper json) {
        this.events = events;
        this.providers = providers;
        this.json = json;
    }

    @PostMapping("/v1/webhooks/paypay")
    @Operation(summary = "PayPay webhook", description = "A PayPay transaction event (notification_type "
            + "Transaction, merchant_order_id, order_id, state). Verified by querying PayPay for the payment: 400 "
            + "if PayPay does not confirm the state, 503 if PayPay cannot be reached (PayPay retries). Deduplicated "
            + "by order_id and state.")
    ResponseEntity<Map<String, String>> receive(@RequestBody String body) {
        JsonNode event = json.readTree(body);
        String reference = event.path("merchant_order_id").asString("");
        String state = event.path("state").asString("");
        if (reference.isEmpty() || state.isEmpty() || reference.length() > 64 || state.length() > 32) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "merchant_order_id and state are required.");
        }
        ProviderEvents.Payment payment = events.findPayment(PaymentProvider.PAYPAY, reference).orElseThrow(
                () -> unverified("No PayPay payment of this gateway has merchant_order_id " + reference + "."));
        ProviderOutcome confirmed = providers.existingAccount(payment.merchantId(), PaymentProvider.PAYPAY)
                .map(account -> providers.queryAuthorization(PaymentProvider.PAYPAY, payment.asProviderPayment(),
                        account))
                .orElseThrow(() -> unverified("The merchant has no PayPay account."));
        if (confirmed instanceof ProviderOutcome.Pending || confirmed instanceof ProviderOutcome.NotAttempted) {
            throw new ApiException(ProblemTypes.SERVICE_UNAVAILABLE, "PayPay could not be asked to confirm the "
                    + "event; nothing was changed.");
        }
        if (!agrees(state, confirmed)) {
            throw unverified("PayPay does not confirm state " + state + " for this payment.");
        }
        String eventId = event.path("order_id").asString(reference) + ":" + state;
        ProviderEvents.Result result = events.receive(PaymentProvider.PAYPAY, eventId, body, reference, confirmed);
        return ResponseEntity.ok(Map.of("result", result.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static boolean agrees(String state, ProviderOutcome confirmed) {
        return switch (state) {
            case "COMPLETED" -> confirmed instanceof ProviderOutcome.Succeeded;
            case "AUTHORIZED" -> confirmed instanceof ProviderOutcome.Authorized;
            case "FAILED", "CANCELED", "EXPIRED" -> confirmed instanceof ProviderOutcome.Failed;
            default -> false;
        };
    }

    private static ApiException unverified(String detail) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, "Unverified webhook: " + detail);
    }
}
