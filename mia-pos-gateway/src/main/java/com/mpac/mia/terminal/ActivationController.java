package com.mpac.mia.terminal;

import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mia.error.MiaException;

@RestController
@Tag(name = "POS Activation", description = "Binding a terminal to a device with an SMS OTP.")
class ActivationController {

    private static final Set<String> PLATFORMS = Set.of("ios", "android", "web", "external_system");

    private final ActivationService activations;

    ActivationController(ActivationService activations) {
        this.activations = activations;
    }

    @PostMapping("/pos/api/v1/terminal-activation/init")
    @Operation(summary = "Initialize terminal activation", description = "terminalId (the MIA terminal id from the "
            + "portal) and merchantIdno must name an active terminal of that merchant. Sends an OTP by SMS "
            + "(sandbox: GET /pos/sandbox/sms). Headers X-DEVICE, X-PLATFORM-TYPE (ios|android|web|"
            + "external_system), X-INSTALLATION-ID (UUID) and X-POS-APP-VERSION (integer) are required. At most "
            + "mpac.mia.init-limit inits (5) per terminal within mpac.mia.init-window (1 h): then 429 "
            + "too_many_attempts with Retry-After.")
    ActivationRequests.InitResponse init(@Valid @RequestBody ActivationRequests.InitRequest request,
            @RequestHeader(name = "X-DEVICE", required = false) String device,
            @RequestHeader(name = "X-PLATFORM-TYPE", required = false) String platformType,
            @RequestHeader(name = "X-PLATFORM-VERSION", required = false) String platformVersion,
            @RequestHeader(name = "X-INSTALLATION-ID", required = false) String installationId,
            @RequestHeader(name = "X-NATIVE-APP-VERSION", required = false) String nativeAppVersion,
            @RequestHeader(name = "X-POS-APP-VERSION", required = false) String posAppVersion) {
        return activations.init(request, device(device, platformType, installationId, nativeAppVersion,
                posAppVersion));
    }

    @PostMapping("/pos/api/v1/terminal-activation/resend-otp")
    @Operation(summary = "Resend the OTP code", description = "Sends a new code once waitTimeToResend seconds "
            + "have passed since the last one (409 resend_too_early before); leftAttempts is the number of resends "
            + "left (409 resend_limit_reached at 0). The previous code stops working.")
    ActivationRequests.ResendResponse resend(@Valid @RequestBody ActivationRequests.ResendRequest request) {
        return activations.resend(request);
    }

    @PostMapping("/pos/api/v1/terminal-activation/confirm")
    @Operation(summary = "Confirm terminal activation with the OTP", description = "A wrong code answers 400 "
            + "invalid_otp with leftAttempts; the last wrong attempt locks the activation (409 activation_locked).")
    ActivationRequests.ConfirmResponse confirm(@Valid @RequestBody ActivationRequests.ConfirmRequest request) {
        return activations.confirm(request);
    }

    @GetMapping("/pos/api/v1/terminal-activation/{posActivationId}/info")
    @Operation(summary = "Activation info", description = "The terminal and merchant of an activation. terminalId "
            + "is the MIA terminal id as a string; storeAddress is the store's name (the portal keeps no address).")
    ActivationRequests.InfoResponse info(@PathVariable UUID posActivationId) {
        return activations.info(posActivationId);
    }

    private static ActivationRequests.Device device(String device, String platformType, String installationId,
            String nativeAppVersion, String posAppVersion) {
        if (device == null || device.isBlank() || device.length() > 100) {
            throw MiaException.badRequest("Header X-DEVICE is required (device model, at most 100 characters).");
        }
        if (platformType == null || !PLATFORMS.contains(platformType)) {
            throw MiaException.badRequest("Header X-PLATFORM-TYPE is required: ios, android, web or external_system.");
        }
        UUID installation;
        try {
            installation = UUID.fromString(installationId == null ? "" : installationId);
        }
        catch (IllegalArgumentException ex) {
            throw MiaException.badRequest("Header X-INSTALLATION-ID is required and must be a UUID.");
        }
        if (nativeAppVersion != null && !nativeAppVersion.matches("[0-9]{1,9}")) {
            throw MiaException.badRequest("Header X-NATIVE-APP-VERSION must be an integer.");
        }
        if (posAppVersion == null || !posAppVersion.matches("[0-9]{1,9}")) {
            throw MiaException.badRequest("Header X-POS-APP-VERSION is required and must be an integer.");
        }
        return new ActivationRequests.Device(device, platformType, installation, Integer.parseInt(posAppVersion));
    }
}
