package com.mpac.portal.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.StrictRequest;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/merchants/{merchantId}/webhook-endpoints")
@Tag(name = "Merchant webhook endpoints", description = "Where mpac-pgw sends the merchant's events as Standard "
        + "Webhooks v1, each endpoint with its own whsec_ signing secret. At most 20 per merchant. Every change is "
        + "pushed to mpac-pgw in the merchant's configuration.")
class WebhookEndpointController {

    /** The configuration push's form; the service also checks for a host and refuses credentials in the URL. */
    static final String URL = "https?://\\S+";

    /** An event type ({@code payment_intent.succeeded}), a family ({@code refund.*}) or everything ({@code *}). */
    static final String EVENT = "\\*|[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*(\\.\\*)?";

    private final WebhookEndpointService endpoints;

    WebhookEndpointController(WebhookEndpointService endpoints) {
        this.endpoints = endpoints;
    }

    enum WebhookEndpointStatus {
        ACTIVE, DISABLED
    }

    record CreateWebhookEndpointRequest(
            @NotBlank @Size(max = 2048) @Pattern(regexp = URL) String url,
            @Size(max = 500) String description,
            @NotEmpty @Size(max = 50) List<@NotNull @Size(max = 100) @Pattern(regexp = EVENT) String> events,
            WebhookEndpointStatus status) implements StrictRequest {
    }

    /** Absent or null: unchanged; an empty description clears it. */
    record UpdateWebhookEndpointRequest(
            @Size(max = 2048) @Pattern(regexp = URL) String url,
            @Size(max = 500) String description,
            @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) @Pattern(regexp = EVENT) String> events,
            WebhookEndpointStatus status) implements StrictRequest {
    }

    /** An endpoint as listed: never its secret. */
    record WebhookEndpointResponse(String id, String merchantId, String url, String description, List<String> events,
            WebhookEndpointStatus status, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** The answer to a create or a rotation, the one time the secret is shown. */
    record WebhookEndpointWithSecretResponse(String id, String merchantId, String url, String description,
            List<String> events, WebhookEndpointStatus status, String secret, Instant createdAt, Instant updatedAt) {

        WebhookEndpointWithSecretResponse(WebhookEndpointResponse endpoint, String secret) {
            this(endpoint.id(), endpoint.merchantId(), endpoint.url(), endpoint.description(), endpoint.events(),
                    endpoint.status(), secret, endpoint.createdAt(), endpoint.updatedAt());
        }

        @Override
        public String toString() {
            return "WebhookEndpointWithSecretResponse[" + id + "]";
        }
    }

    @GetMapping
    @Operation(summary = "List webhook endpoints", description = "Merchant admins and above. Filter: status; cursor "
            + "pagination with startingAfter. Secrets are never listed.")
    CursorPage<WebhookEndpointResponse> list(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @RequestParam(required = false) WebhookEndpointStatus status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return endpoints.list(Actor.of(caller), merchantId, status, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create webhook endpoint", description = "url (http or https, at most 2048 characters), "
            + "events (1 to 50 event types such as payment_intent.succeeded, families such as refund.* or * for "
            + "all), optional description and status (ACTIVE by default). Answers the endpoint id (we_...) and its "
            + "signing secret (whsec_..., 256 random bits) once; only an encrypted copy is kept, because mpac-pgw "
            + "signs deliveries with it. 409 limit_reached beyond 20 endpoints, 409 parent_not_active for a closed "
            + "merchant.")
    ResponseEntity<WebhookEndpointWithSecretResponse> create(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @Valid @RequestBody CreateWebhookEndpointRequest request,
            HttpServletRequest http) {
        WebhookEndpointWithSecretResponse created = endpoints.create(Actor.of(caller), merchantId, request,
                ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/merchants/" + merchantId + "/webhook-endpoints/"
                        + created.id()))
                .cacheControl(CacheControl.noStore())
                .body(created);
    }

    @GetMapping("/{endpointId}")
    @Operation(summary = "Get webhook endpoint", description = "Without its secret.")
    WebhookEndpointResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String endpointId) {
        return endpoints.get(Actor.of(caller), merchantId, endpointId);
    }

    @PatchMapping("/{endpointId}")
    @Operation(summary = "Update webhook endpoint", description = "url, description, events, status (ACTIVE, "
            + "DISABLED); absent fields are unchanged. A DISABLED endpoint receives nothing.")
    WebhookEndpointResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String endpointId, @Valid @RequestBody UpdateWebhookEndpointRequest request,
            HttpServletRequest http) {
        return endpoints.update(Actor.of(caller), merchantId, endpointId, request, ClientAddress.of(http));
    }

    @PostMapping("/{endpointId}/rotate-secret")
    @Operation(summary = "Rotate webhook signing secret", description = "Replaces the secret with a new one, "
            + "answered once. The old secret stops being used as soon as mpac-pgw applies the push, so switch the "
            + "receiver over to the new one right away (it may accept both for a while).")
    ResponseEntity<WebhookEndpointWithSecretResponse> rotateSecret(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @PathVariable String endpointId, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(endpoints.rotateSecret(Actor.of(caller), merchantId, endpointId, ClientAddress.of(http)));
    }

    @DeleteMapping("/{endpointId}")
    @Operation(summary = "Delete webhook endpoint", description = "Removed here and, through the push, at mpac-pgw.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable String endpointId, HttpServletRequest http) {
        endpoints.delete(Actor.of(caller), merchantId, endpointId, ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }
}
