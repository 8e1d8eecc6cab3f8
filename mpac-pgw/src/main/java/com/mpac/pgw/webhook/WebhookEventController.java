package com.mpac.pgw.webhook;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/v1/events")
@Tag(name = "Webhook events", description = "The events sent to the merchant's webhook endpoints, each with its "
        + "delivery log (every attempt's status code, error and duration), and manual redelivery. S2S HMAC.")
class WebhookEventController {

    private final WebhookRepository repository;
    private final JsonMapper json;

    WebhookEventController(WebhookRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventResponse(String id, String type, long created, JsonNode payload, List<DeliveryResponse> deliveries) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryResponse(String endpointId, String status, int attempts, Integer lastResponseStatus,
            String lastError, Long nextAttemptAt, Long deliveredAt, List<WebhookRepository.AttemptRow> attemptLog) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventList(String object, List<EventResponse> data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RedeliverRequest(@Size(max = 64) String endpointId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RedeliverResponse(String eventId, int deliveriesQueued) {
    }

    @GetMapping
    @Operation(summary = "List events", description = "Newest first; filter by type; page with starting_after.")
    EventList list(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Pattern(regexp = "[a-z_.]{1,80}") String type,
            @RequestParam(name = "starting_after", required = false) @Pattern(regexp = "evt_[0-9a-z]{1,64}")
            String startingAfter) {
        Caller caller = Caller.current();
        return new EventList("list", repository.listEvents(caller.merchantId(), type, startingAfter, limit).stream()
                .map(event -> response(event, caller.platform())).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an event with its delivery log")
    EventResponse get(@PathVariable @Size(max = 100) String id) {
        Caller caller = Caller.current();
        return response(find(caller, id), caller.platform());
    }

    @PostMapping("/{id}/redeliver")
    @Operation(summary = "Redeliver an event", description = "Queues the event again for all of the merchant's "
            + "endpoints it was meant for, or for endpoint_id only, starting a fresh retry schedule. The webhook-id "
            + "stays the event id, so receivers that dedupe on it see a repeat.")
    RedeliverResponse redeliver(@PathVariable @Size(max = 100) String id,
            @Valid @RequestBody(required = false) RedeliverRequest request) {
        Caller caller = Caller.current();
        find(caller, id);
        String endpointId = request == null ? null : request.endpointId();
        int queued = repository.redeliver(id, endpointId);
        if (queued == 0 && endpointId != null) {
            throw new ApiException(ProblemTypes.NOT_FOUND, "This event was never meant for endpoint " + endpointId);
        }
        return new RedeliverResponse(id, queued);
    }

    private WebhookRepository.EventRow find(Caller caller, String id) {
        return repository.findEvent(caller.merchantId(), id)
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No such event: " + id));
    }

    private EventResponse response(WebhookRepository.EventRow event, boolean platform) {
        return new EventResponse(event.id(), event.type(), event.created().getEpochSecond(),
                json.readTree(event.payload()), repository.listDeliveries(event.id(), platform).stream()
                        .map(d -> new DeliveryResponse(d.endpointId(), d.status(), d.attempts(),
                                d.lastResponseStatus(), d.lastError(),
                                d.nextAttemptAt() == null ? null : d.nextAttemptAt().getEpochSecond(),
                                d.deliveredAt() == null ? null : d.deliveredAt().getEpochSecond(), d.attemptLog()))
                        .toList());
    }

    private record Caller(String merchantId, boolean platform) {

        static Caller current() {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof HmacAuthentication hmac) {
                return new Caller(hmac.merchantId().orElseThrow(() -> new ApiException(ProblemTypes.VALIDATION_FAILED,
                        "A platform key acts for a merchant: name it in X-MPAC-On-Behalf-Of.")),
                        hmac.caller().isPlatform());
            }
            throw new ApiException(ProblemTypes.UNAUTHENTICATED, "Sign the request.", Map.of());
        }
    }
}
