package com.mpac.portal.registry;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/merchants")
@Tag(name = "Merchants", description = "Merchants of a PSP with their enabled providers and provider identifiers. "
        + "Every change is pushed to the payment services (configuration push).")
class MerchantController {

    /** E.164: a plus, a country code and at most 15 digits in all. */
    static final String E164 = "\\+[1-9][0-9]{6,14}";
    /** A provider-side identifier: letters, digits, '.', '_', '-'; never '/' or ':' (Magensa's Basic auth). */
    static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final MerchantService merchants;

    MerchantController(MerchantService merchants) {
        this.merchants = merchants;
    }

    record CreateMerchantRequest(
            @Size(max = 64) String pspId,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = E164, message = "must be an E.164 number, e.g. +37360000000") String contactPhone,
            @Size(max = 6) Set<@NotNull Provider> enabledProviders,
            @Pattern(regexp = IDENTIFIER) String miaIdno,
            @Pattern(regexp = IDENTIFIER) String vnpayTmnCode,
            @Pattern(regexp = IDENTIFIER) String magensaCustomerCode,
            @Pattern(regexp = IDENTIFIER) String paypayMerchantId,
            @Pattern(regexp = IDENTIFIER) String linepayMerchantId) implements StrictRequest {
    }

    /** Absent or null: unchanged. An empty string clears an optional field. */
    record UpdateMerchantRequest(
            @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*") String name,
            MerchantStatus status,
            @Pattern(regexp = "|" + E164, message = "must be an E.164 number, e.g. +37360000000, or empty")
            String contactPhone,
            @Size(max = 6) Set<@NotNull Provider> enabledProviders,
            @Pattern(regexp = "|" + IDENTIFIER) String miaIdno,
            @Pattern(regexp = "|" + IDENTIFIER) String vnpayTmnCode,
            @Pattern(regexp = "|" + IDENTIFIER) String magensaCustomerCode,
            @Pattern(regexp = "|" + IDENTIFIER) String paypayMerchantId,
            @Pattern(regexp = "|" + IDENTIFIER) String linepayMerchantId) implements StrictRequest {
    }

    /**
     * A merchant. {@code mobilepayBioCode} is a credential at MobilePay: it is shown only when one merchant is read
     * (not in lists), and only to merchant admins and above.
     */
    record MerchantResponse(String id, String pspId, String name, MerchantStatus status, String contactPhone,
            List<Provider> enabledProviders, String miaIdno, String vnpayTmnCode, String magensaCustomerCode,
            String paypayMerchantId, String linepayMerchantId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String mobilepayBioCode, boolean hasMobilepayBioCode,
            long configVersion, Instant createdAt, Instant updatedAt) {

        @Override
        public String toString() {
            return "MerchantResponse[" + id + ", " + name + ", " + status + "]";
        }
    }

    record BioCodeResponse(String merchantId, String mobilepayBioCode) {

        @Override
        public String toString() {
            return "BioCodeResponse[" + merchantId + "]";
        }
    }

    @GetMapping
    @Operation(summary = "List merchants", description = "Platform admins see all, a PSP admin their PSP's, a merchant "
            + "admin their own. Filters: status, pspId, q (name contains); cursor pagination with startingAfter.")
    CursorPage<MerchantResponse> list(@AuthenticationPrincipal CallerToken caller,
            @RequestParam(required = false) MerchantStatus status,
            @RequestParam(required = false) @Size(max = 64) String pspId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 64) String startingAfter) {
        return merchants.list(Actor.of(caller), status, pspId, q, limit, startingAfter);
    }

    @PostMapping
    @Operation(summary = "Create merchant", description = "Platform admins (pspId required) and PSP admins (in their "
            + "own PSP). Enabling a provider requires its identifier; MOBILEPAY gets a generated bioCode.")
    ResponseEntity<MerchantResponse> create(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CreateMerchantRequest request, HttpServletRequest http) {
        MerchantResponse created = merchants.create(Actor.of(caller), request, ClientAddress.of(http));
        return ResponseEntity.created(URI.create("/api/v1/merchants/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get merchant", description = "Another tenant's merchant answers 404.")
    MerchantResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String id) {
        return merchants.get(Actor.of(caller), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update merchant", description = "PSP and platform admins change any field; a merchant admin "
            + "only name and contactPhone (other fields answer 403 field_not_allowed and nothing changes). Status: "
            + "ACTIVE <-> SUSPENDED, either -> CLOSED (final). An empty string clears an optional field.")
    MerchantResponse update(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            @Valid @RequestBody UpdateMerchantRequest request, HttpServletRequest http) {
        return merchants.update(Actor.of(caller), id, request, ClientAddress.of(http));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate merchant", description = "Sets the status to SUSPENDED (PSP and platform admins).")
    MerchantResponse deactivate(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            HttpServletRequest http) {
        return merchants.update(Actor.of(caller), id, new UpdateMerchantRequest(null, MerchantStatus.SUSPENDED,
                null, null, null, null, null, null, null), ClientAddress.of(http));
    }

    @PostMapping("/{id}/mobilepay-bio-code")
    @Operation(summary = "Regenerate MobilePay bioCode", description = "Replaces the merchant's bioCode with a new "
            + "random one (e.g. after a leak) and answers it; the old one stops working once the push is applied. "
            + "Merchant admins and above.")
    BioCodeResponse regenerateBioCode(@AuthenticationPrincipal CallerToken caller, @PathVariable String id,
            HttpServletRequest http) {
        return merchants.regenerateBioCode(Actor.of(caller), id, ClientAddress.of(http));
    }
}
