package com.mpac.portal.provisioning;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.problem.Problems;
import com.mpac.portal.device.DeviceTokens;
import com.mpac.portal.provisioning.ProvisioningApi.ActivateRequest;
import com.mpac.portal.provisioning.ProvisioningApi.ActivationCodeResponse;
import com.mpac.portal.provisioning.ProvisioningApi.ActivationResponse;
import com.mpac.portal.provisioning.ProvisioningApi.ActivationStatusResponse;
import com.mpac.portal.provisioning.ProvisioningApi.GenerateActivationCodeRequest;
import com.mpac.portal.provisioning.TerminalProvisioning.Activation;
import com.mpac.portal.provisioning.TerminalProvisioning.IssuedCode;

@RestController
@RequestMapping("/api/v1/device/provision")
@Tag(name = "Device provisioning")
class ProvisioningController {

    private final TerminalProvisioning provisioning;

    ProvisioningController(TerminalProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @PostMapping("/generateActivationCode")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Generate an activation code", description = """
            For a terminal in the caller's scope (merchant admin, store manager, PSP or platform admin). The code is \
            single-use, expires in 10 minutes and replaces any code still pending for the terminal. It is stored \
            only as a keyed hash, so it is shown this once; an Idempotency-Key is refused for the same reason. \
            A deactivated terminal answers 409; another tenant's terminal 404.""")
    ActivationCodeResponse generateActivationCode(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody GenerateActivationCodeRequest request,
            @Parameter(hidden = true) @RequestHeader(name = "Idempotency-Key", required = false) String key,
            HttpServletRequest http) {
        SecretResponses.refuseIdempotencyKey(key);
        IssuedCode code = provisioning.generateCode(caller, request.terminalId(), http.getRemoteAddr());
        return new ActivationCodeResponse(ActivationCodes.display(code.code()), code.expiresAt(),
                request.terminalId());
    }

    @PostMapping("/activate")
    @Operation(summary = "Activate a terminal with its code", description = """
            Called by the terminal, without authentication. Redeems the code once, records the device facts, sets \
            the terminal ACTIVE and answers its OAuth2 client credentials for POST /api/v1/auth/device/token; the \
            client secret is shown this once and stored only as a bcrypt hash. Activating again (with a new code) \
            replaces the previous credentials. A wrong, expired or used code answers 400 invalid_activation_code; \
            repeated wrong codes from one address, or against one code prefix from anywhere, answer 429 with \
            Retry-After.""")
    ActivationResponse activate(@Valid @RequestBody ActivateRequest request, HttpServletRequest http) {
        Activation activation = provisioning.activate(request, http.getRemoteAddr());
        return new ActivationResponse(activation.terminal().terminalId(), activation.credentials().clientId(),
                activation.credentials().clientSecret(), tokenEndpoint(), activation.terminal().merchantId(),
                activation.terminal().storeId());
    }

    @GetMapping("/activationStatus")
    @Operation(summary = "Poll a terminal's activation", description = """
            PENDING while the latest code can still be used, ACTIVATED once it was redeemed (activatedAt), EXPIRED \
            when it lapsed or was revoked by deactivation. 404 when no code was ever issued.""")
    ActivationStatusResponse activationStatus(@AuthenticationPrincipal CallerToken caller,
            @RequestParam @NotBlank @Size(max = 64) String terminalId) {
        return provisioning.status(caller, terminalId);
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException ex) {
        long seconds = Math.max(1, ex.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ProblemTypes.TOO_MANY_REQUESTS, ex.getMessage(), Map.of("retryAfter", seconds)));
    }

    /** As the terminal reached the portal, so it is an address the terminal can reach. */
    static String tokenEndpoint() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(DeviceTokens.TOKEN_ENDPOINT).toUriString();
    }
}
