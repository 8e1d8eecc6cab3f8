package com.mpac.pgw.provider.mobilepay;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.pgw.intent.ProviderEvents;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderOutcome;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * mobilepay-adapter's events about the gateway's MobilePay payments, Standard Webhooks signed with the secret the two share
 * ({@code mpac.pgw.providers.mobilepay.webhook-secret}, comma-separated while it rotates). Fails closed: a missing or
 * bad signature, a stale timestamp or no configured secret is a 401 and writes nothing. Deduplicated by
 * {@code webhook-id}; applied through {@link ProviderEvents}, so an event about a payment no longer pending (a late
 * or out-of-order one) is kept but changes nothing.
 */
@RestController
@Tag(name = "Provider webhooks")
class MobilePayWebhookController {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final ProviderEvents events;
    private final JsonMapper json;
    private final Clock clock;
    private final List<String> secrets;

    MobilePayWebhookController(ProviderEvents events, JsonMapper json, Clock clock,
            @Value("${mpac.pgw.providers.mobilepay.webhook-secret:}") String secrets) {
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.secrets = Arrays.stream(secrets.split(",")).map(String::strip).filter(s -> s.startsWith("whsec_"))
                .toList();
    }

    @PostMapping("/v1/webhooks/mobilepay")
    @Operation(summary = "mobilepay-adapter event", description = "payment.reserved, payment.captured, "
            + "payment.failed, payment.expired, payment.canceled, payment.refunded; data is the adapter's view of the "
            + "payment (reference = the gateway's "
            + "transaction id). 401 if the Standard Webhooks signature does not verify; 200 with result applied, "
            + "already_settled, duplicate or unknown_payment otherwise.")
    ResponseEntity<Map<String, String>> receive(@RequestBody String body,
            @RequestHeader(name = StandardWebhook.ID, required = false) String id,
            @RequestHeader(name = StandardWebhook.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = StandardWebhook.SIGNATURE, required = false) String signature) {
        if (secrets.isEmpty() || !StandardWebhook.verify(secrets, id, timestamp, signature, body, clock.instant(),
                TOLERANCE)) {
            throw new ApiException(ProblemTypes.UNAUTHENTICATED, "The webhook signature does not verify.");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (JacksonException ex) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "The event is not JSON.");
        }
        JsonNode data = event.path("data");
        String reference = data.path("reference").asString("");
        if (reference.isEmpty() || reference.length() > 64 || id.length() > 255) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "data.reference is required.");
        }
        // The event carries the adapter's current view of the payment; a refund event says it is (still) captured.
        // A cancel is the gateway's own doing and its outcome is the cancel call's (or reconciliation's): the event
        // is recorded but decides nothing, so a cancel whose answer was lost never turns into a declined payment.
        ProviderOutcome outcome = "payment.canceled".equals(event.path("type").asString(""))
                ? new ProviderOutcome.Pending(data.path("paymentId").asString(null), "canceled at mobilepay-adapter")
                : MobilePayConnector.paymentOutcome(data);
        ProviderEvents.Result result = events.receive(PaymentProvider.MOBILEPAY, id, body, reference, outcome);
        return ResponseEntity.ok(Map.of("result", result.name().toLowerCase(Locale.ROOT)));
    }
}
