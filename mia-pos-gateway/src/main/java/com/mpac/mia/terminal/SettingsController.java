package com.mpac.mia.terminal;

import java.time.LocalDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Settings", description = "A terminal's QR settings; the TTL applies to every new QR extension.")
class SettingsController {

    private final SellerSessions sessions;
    private final QrSettings settings;

    SettingsController(SellerSessions sessions, QrSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    record SettingsResponse(String result, QrSettings.Settings qrSettings) {
    }

    record SetSettingsRequest(@NotNull @Pattern(regexp = "dynamic|static|hybrid") String qrType,
            @NotNull @Pattern(regexp = "fixed|free|controlled") String qrAmountType,
            @Min(30) @Max(86400) Integer qrTtl, Boolean prohibitSettingsChange, LocalDateTime whenUpdated) {
    }

    record ResultResponse(String result) {
    }

    @GetMapping("/pos/api/v1/settings")
    @Operation(summary = "Get the terminal's settings", description = "qrTtl in seconds; defaults until set.")
    SettingsResponse get(@RequestHeader(name = "Authorization", required = false) String authorization) {
        Seller seller = sessions.authenticate(authorization);
        return new SettingsResponse("success", settings.of(seller.terminal().terminalId()));
    }

    @PostMapping("/pos/api/v1/settings")
    @Operation(summary = "Set the terminal's QR settings", description = "qrTtl ≥ 30 s (default 300). Refused with "
            + "403 settings_change_prohibited once prohibitSettingsChange is set; whenUpdated is set by the server.")
    ResultResponse set(@RequestHeader(name = "Authorization", required = false) String authorization,
            @Valid @RequestBody SetSettingsRequest request) {
        Seller seller = sessions.authenticate(authorization);
        settings.set(seller.terminal().terminalId(), request.qrType(), request.qrAmountType(),
                request.qrTtl() == null ? 300 : request.qrTtl(),
                Boolean.TRUE.equals(request.prohibitSettingsChange()));
        return new ResultResponse("success");
    }
}
