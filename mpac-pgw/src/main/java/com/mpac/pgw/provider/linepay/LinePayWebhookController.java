package com.mpac.pgw.provider.linepay;

import java.util.Map;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.pgw.intent.ProviderEvents;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderCalls;
import com.mpac.pgw.provider.ProviderOutcome;

/**
 * LINE Pay's confirmUrl callback, called once the shopper approved: {@code transactionId} and {@code orderId}, and no
 * signature (LINE Pay signs none). It is verified the way LINE Pay intends: the pair must match what the gateway
 * recorded, and the gateway then asks LINE Pay itself (signed check status) and confirms the payment only if LINE
 * Pay says the shopper approved it. A callback that cannot be verified changes nothing.
 */
@RestController
@Tag(name = "Provider webhooks")
class LinePayWebhookController {

    private final ProviderEvents events;
    private final ProviderCalls providers;

    LinePayWebhookController(ProviderEvents events, ProviderCalls providers) {
        this.events = events;
        this.providers = providers;
    }

    @PostMapping("/v1/webhooks/linepay")
    @Operation(summary = "LINE Pay webhook", description = "LINE Pay's confirmUrl call (query parameters "
            + "transactionId and orderId). Verified by LINE Pay's own check-status API, then confirmed: 400 if the "
            + "pair is unknown or LINE Pay does not report an approval, 503 if LINE Pay cannot be reached.")
    ResponseEntity<Map<String, String>> receive(
            @RequestParam @Pattern(regexp = "[0-9]{1,19}") String transactionId,
            @RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,100}") String orderId) {
        ProviderEvents.Payment payment = events.findPayment(PaymentProvider.LINEPAY, orderId)
                .filter(p -> transactionId.equals(p.asProviderPayment().providerReference()))
                .orElseThrow(() -> unverified("No LINE Pay payment of this gateway has this orderId and transactionId."));
        if (!payment.pending()) {
            // Settled already (a repeated callback) or canceled: asking LINE Pay would confirm a canceled payment.
            return ResponseEntity.ok(Map.of("result", "already_settled"));
        }
        ProviderOutcome outcome = providers.existingAccount(payment.merchantId(), PaymentProvider.LINEPAY)
                .map(account -> providers.queryAuthorization(PaymentProvider.LINEPAY, payment.asProviderPayment(),
                        account))
                .orElseThrow(() -> unverified("The merchant has no LINE Pay account."));
        if (outcome instanceof ProviderOutcome.Pending || outcome instanceof ProviderOutcome.NotAttempted) {
            throw new ApiException(ProblemTypes.SERVICE_UNAVAILABLE, "LINE Pay could not be asked; nothing changed.");
        }
        if (outcome instanceof ProviderOutcome.ActionRequired) {
            throw unverified("LINE Pay does not report that the shopper approved this payment.");
        }
        ProviderEvents.Result result = events.receive(PaymentProvider.LINEPAY, transactionId + ":confirm",
                "transactionId=" + transactionId + "&orderId=" + orderId, orderId, outcome);
        return ResponseEntity.ok(Map.of("result", result.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static ApiException unverified(String detail) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, "Unverified webhook: " + detail);
    }
}
