package com.mpac.portal.provisioning;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.portal.device.TerminalClients.IssuedCredentials;
import com.mpac.portal.provisioning.ProvisioningApi.CredentialsResponse;
import com.mpac.portal.provisioning.ProvisioningApi.TerminalStatusResponse;
import com.mpac.portal.provisioning.ProvisioningRepository.TerminalRow;

/** A terminal's device credentials and whether it may hold device tokens at all. */
@RestController
@RequestMapping("/api/v1/terminals/{terminalId}")
@Tag(name = "Device provisioning")
class TerminalCredentialsController {

    private final TerminalProvisioning provisioning;
    private final Clock clock;

    TerminalCredentialsController(TerminalProvisioning provisioning, Clock clock) {
        this.provisioning = provisioning;
        this.clock = clock;
    }

    @PostMapping("/credentials/rotate")
    @Operation(summary = "Rotate a terminal's client secret", description = """
            Same client id, new client secret shown this once; the old secret stops working at once (tokens already \
            issued expire within 15 minutes). Only for an ACTIVE terminal (else 409). An Idempotency-Key is \
            refused: the secret is never stored for replay.""")
    CredentialsResponse rotate(@AuthenticationPrincipal CallerToken caller,
            @PathVariable @Size(max = 64) String terminalId,
            @Parameter(hidden = true) @RequestHeader(name = "Idempotency-Key", required = false) String key,
            HttpServletRequest http) {
        SecretResponses.refuseIdempotencyKey(key);
        IssuedCredentials credentials = provisioning.rotateCredentials(caller, terminalId, http.getRemoteAddr());
        return new CredentialsResponse(terminalId, credentials.clientId(), credentials.clientSecret(),
                ProvisioningController.tokenEndpoint(), clock.instant());
    }

    @PostMapping("/deactivate")
    @Operation(summary = "Deactivate a terminal", description = """
            Status DISABLED: its credentials are deleted and pending activation codes revoked, so the token endpoint \
            answers invalid_client; tokens it already holds are self-contained and expire within 15 minutes. \
            Repeating it is harmless.""")
    TerminalStatusResponse deactivate(@AuthenticationPrincipal CallerToken caller,
            @PathVariable @Size(max = 64) String terminalId, HttpServletRequest http) {
        TerminalRow terminal = provisioning.deactivate(caller, terminalId, http.getRemoteAddr());
        return new TerminalStatusResponse(terminal.terminalId(), terminal.status());
    }

    @PostMapping("/reactivate")
    @Operation(summary = "Reactivate a deactivated terminal", description = """
            Status PENDING: the terminal must be provisioned again with a new activation code, since deactivation \
            deleted its credentials. 409 unless the terminal is DISABLED.""")
    TerminalStatusResponse reactivate(@AuthenticationPrincipal CallerToken caller,
            @PathVariable @Size(max = 64) String terminalId, HttpServletRequest http) {
        TerminalRow terminal = provisioning.reactivate(caller, terminalId, http.getRemoteAddr());
        return new TerminalStatusResponse(terminal.terminalId(), terminal.status());
    }
}
