package com.mpac.pgw.provider.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.qr.EmvQr;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.pgw.intent.ProviderEvents;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.SandboxCallbacks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider's outside: the shopper's phone scanning a QR code, and the provider's webhook back to the
 * gateway. Routes exist only where sandboxes are enabled ({@code MPAC_SANDBOX_ENABLED=true}).
 */
@RestController
@Tag(name = "Sandbox", description = "Only where MPAC_SANDBOX_ENABLED=true (the local run).")
class SandboxController {

    private final SandboxProvider provider;
    private final SandboxWebhooks webhooks;
    private final ProviderEvents events;
    private final JsonMapper json;
    private final SandboxCallbacks callbacks;
    private final Clock clock;
    private final boolean enabled;

    SandboxController(SandboxProvider provider, SandboxWebhooks webhooks, ProviderEvents events, JsonMapper json,
            SandboxCallbacks callbacks, Clock clock, @Value("${mpac.sandbox-enabled:false}") boolean enabled) {
        this.enabled = enabled;
        this.provider = provider;
        this.webhooks = webhooks;
        this.events = events;
        this.json = json;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScanRequest(@NotBlank @Size(max = 512) String qrData,
            @Pattern(regexp = "pay|decline", message = "is pay or decline") String result) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScanResponse(String reference, String status, int webhookStatus) {
    }

    @PostMapping("/v1/sandbox/qr/scan")
    @Operation(summary = "Scan a sandbox QR code (the shopper)", description = "Pays (result=pay, the default) or "
            + "declines the payment behind a next_action.display_qr_code.data payload, then sends the gateway the "
            + "provider's signed webhook, as the real provider would.")
    ScanResponse scan(@Valid @RequestBody ScanRequest request) {
        if (!enabled) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "Sandboxes are not enabled here.");
        }
        String reference = EmvQr.parse(request.qrData())
                .flatMap(fields -> fields.stream().filter(field -> field.id().equals("26")).findFirst())
                .filter(field -> field.sub("00").filter("dev.mpac.sandbox"::equals).isPresent())
                .flatMap(field -> field.sub("01"))
                .orElseThrow(() -> new ApiException(ProblemTypes.VALIDATION_FAILED,
                        "qr_data is not a sandbox QR code (or its CRC does not verify)."));
        SandboxProvider.Payment payment = provider.find(reference).orElseThrow(
                () -> new ApiException(ProblemTypes.NOT_FOUND, "The sandbox has no such payment."));
        boolean pay = !"decline".equals(request.result());
        String target = pay ? (payment.manualCapture() ? "authorized" : "captured") : "declined";
        if (!provider.move(reference, "awaiting_shopper", target, payment.amount())) {
            throw new ApiException(ProblemTypes.CONFLICT, "This QR code can no longer be paid: the payment is "
                    + provider.find(reference).map(SandboxProvider.Payment::status).orElse("gone") + ".");
        }
        return new ScanResponse(reference, target, sendWebhook(reference, target));
    }

    /** The provider's webhook, signed with the sandbox secret and sent over HTTP like any provider's. */
    private int sendWebhook(String reference, String status) {
        String id = Ids.next("sbxevt");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", "payment.updated");
        event.put("reference", reference);
        event.put("status", status);
        String body = json.writeValueAsString(event);
        long timestamp = clock.instant().getEpochSecond();
        return callbacks.postToGateway("/v1/webhooks/sandbox", Map.of("Content-Type", "application/json",
                StandardWebhook.ID, id, StandardWebhook.TIMESTAMP, Long.toString(timestamp),
                StandardWebhook.SIGNATURE, StandardWebhook.sign(webhooks.secret(), id, timestamp, body)), body);
    }

    @PostMapping("/v1/webhooks/sandbox")
    @Operation(summary = "Sandbox provider webhook", description = "Standard Webhooks signature with the sandbox "
            + "secret; anything that does not verify is a 401 and changes nothing.")
    ResponseEntity<Map<String, String>> webhook(@RequestBody String body,
            @RequestHeader(name = StandardWebhook.ID, required = false) String id,
            @RequestHeader(name = StandardWebhook.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = StandardWebhook.SIGNATURE, required = false) String signature) {
        if (!StandardWebhook.verify(List.of(webhooks.secret()), id, timestamp, signature, body, clock.instant(),
                Duration.ofMinutes(5))) {
            throw new ApiException(ProblemTypes.UNAUTHENTICATED, "The webhook signature does not verify.");
        }
        JsonNode event = json.readTree(body);
        String reference = event.path("reference").asString("");
        ProviderOutcome outcome = provider.find(reference).map(SandboxConnector::outcome)
                .orElse(new ProviderOutcome.Pending(null, "unknown reference"));
        ProviderEvents.Result result = events.receive(PaymentProvider.SANDBOX, id, body, reference, outcome);
        return ResponseEntity.ok(Map.of("result", result.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
