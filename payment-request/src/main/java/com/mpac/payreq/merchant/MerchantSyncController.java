package com.mpac.payreq.merchant;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantSyncResult;

@RestController
@Tag(name = "Configuration sync")
class MerchantSyncController {

    private final MerchantSyncService sync;

    MerchantSyncController(MerchantSyncService sync) {
        this.sync = sync;
    }

    @PostMapping(MerchantConfiguration.PATH)
    @Operation(summary = "Sync merchant config",
            description = "svc-portal pushes one merchant's whole configuration, HMAC-signed with its platform key. "
                    + "The service keeps the merchant, its Magensa customer code (provider MAGENSA, identifier "
                    + "customer_code; the account must be enabled) and its MAGENSA API users with their password "
                    + "hashes. A newer version replaces what is held; the same version answers UNCHANGED and an "
                    + "older one STALE. Payment requests survive every push.")
    MerchantSyncResult sync(@Valid @RequestBody MerchantConfiguration configuration) {
        return sync.apply(configuration);
    }
}
