package com.mpac.portal.providersetting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.StrictRequest;
import com.mpac.portal.session.ClientAddress;

@RestController
@RequestMapping("/api/v1/merchants/{merchantId}/providers/{provider}/settings")
@Tag(name = "Merchant provider settings", description = "A merchant's account at one provider beyond the "
        + "merchant's own identifier fields: extra identifiers (LINE Pay channel_id, base_url, ...) and the secret "
        + "credentials the payment services call the provider with (PayPay api_key and api_secret, LINE Pay "
        + "channel_secret, ...). Credentials are stored encrypted and never answered, only their names. Every change "
        + "is pushed to the payment services in the merchant's configuration.")
class ProviderSettingController {

    static final String NAME = "[a-z_]{1,64}";

    private final ProviderSettingService settings;

    ProviderSettingController(ProviderSettingService settings) {
        this.settings = settings;
    }

    /** Absent maps are empty: a PUT replaces the whole settings. */
    record ProviderSettingsRequest(
            @Size(max = 20)
            Map<@NotNull @Pattern(regexp = NAME) String, @NotBlank @Size(max = 512) String> identifiers,
            @Size(max = 20)
            Map<@NotNull @Pattern(regexp = NAME) String, @NotBlank @Size(max = 4096) String> credentials)
            implements StrictRequest {

        ProviderSettingsRequest {
            identifiers = identifiers == null ? Map.of() : identifiers;
            credentials = credentials == null ? Map.of() : credentials;
        }

        @Override
        public String toString() {
            return "ProviderSettingsRequest[" + identifiers + ", credentials=" + credentials.keySet() + "]";
        }
    }

    /** The settings as answered: identifiers with their values, credentials by name only. */
    record ProviderSettingsResponse(String merchantId, Provider provider, Map<String, String> identifiers,
            List<String> credentialNames, Instant updatedAt) {
    }

    @GetMapping
    @Operation(summary = "Get provider settings", description = "Merchant admins and above. Identifiers with their "
            + "values, credentials by name only. A provider without settings answers empty maps.")
    ProviderSettingsResponse get(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable Provider provider) {
        return settings.get(Actor.of(caller), merchantId, provider);
    }

    @PutMapping
    @Operation(summary = "Replace provider settings", description = "Body {identifiers: {...}, credentials: "
            + "{...}}, each a map of names ([a-z_], at most 64 characters) to non-blank strings (identifier values "
            + "at most 512 characters, credential values at most 4096), at most 20 entries each; an absent map is "
            + "empty. Everything is replaced, credentials included. Identifiers: PayPay merchant_id comes from the "
            + "merchant's paypayMerchantId, base_url (an http(s) URL) is optional; LINE Pay channel_id, base_url. "
            + "Credentials: PayPay api_key and api_secret, LINE Pay channel_secret. Names the merchant's own fields "
            + "fill (merchant_id for PAYPAY and LINEPAY, idno, tmn_code, customer_code, MobilePay bio_code) are "
            + "refused with 400. Provider: PAYPAY, LINEPAY, MIA_POS, MOBILEPAY, VNPAY, MAGENSA (else 400).")
    ResponseEntity<ProviderSettingsResponse> put(@AuthenticationPrincipal CallerToken caller,
            @PathVariable String merchantId, @PathVariable Provider provider,
            @Valid @RequestBody ProviderSettingsRequest request, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(settings.put(Actor.of(caller), merchantId, provider, request, ClientAddress.of(http)));
    }

    @DeleteMapping
    @Operation(summary = "Delete provider settings", description = "Removes the identifiers and credentials; the "
            + "merchant's own identifier fields stay. Deleting absent settings answers 204 too.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CallerToken caller, @PathVariable String merchantId,
            @PathVariable Provider provider, HttpServletRequest http) {
        settings.delete(Actor.of(caller), merchantId, provider, ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }
}
