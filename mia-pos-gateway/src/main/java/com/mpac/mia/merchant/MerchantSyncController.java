package com.mpac.mia.merchant;

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
    @Operation(summary = "Sync merchant config", description = "svc-portal pushes one merchant's whole "
            + "configuration, HMAC-signed with its platform key. mia-pos-gateway keeps the merchant, its MIA_POS "
            + "account (identifiers: idno required, phone and mcc optional; credentials encrypted), its stores and "
            + "its terminals with their MIA terminal id (provider_terminal_ids.MIA_POS). A newer version replaces "
            + "what is held; the same version answers UNCHANGED and an older one STALE.")
    MerchantSyncResult sync(@Valid @RequestBody MerchantConfiguration configuration) {
        return sync.apply(configuration);
    }
}
