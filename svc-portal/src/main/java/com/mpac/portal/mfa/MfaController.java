package com.mpac.portal.mfa;

import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.portal.session.ClientAddress;
import com.mpac.portal.session.TokenPair;

/**
 * TOTP multi-factor authentication: the login's second step (anonymous, with the {@code mfaToken}) and the logged-in
 * user's own enrolment. Secrets, URIs, QR codes and recovery codes are answered with {@code Cache-Control: no-store}.
 */
@RestController
@Tag(name = "Login and sessions")
class MfaController {

    private static final String CODE = "\\d{6}";

    private final MfaLogin login;
    private final MfaEnrolment enrolment;

    MfaController(MfaLogin login, MfaEnrolment enrolment) {
        this.login = login;
        this.enrolment = enrolment;
    }

    record VerifyRequest(@NotBlank @Size(max = 128) String mfaToken,
            @Pattern(regexp = CODE, message = "must be 6 digits") String code,
            @Size(min = 1, max = 64) String recoveryCode) {

        @JsonIgnore
        @AssertTrue(message = "send exactly one of code and recoveryCode")
        boolean isOneFactor() {
            return (code == null) != (recoveryCode == null);
        }
    }

    record CodeRequest(@NotNull @Pattern(regexp = CODE, message = "must be 6 digits") String code) {
    }

    record DisableRequest(@Pattern(regexp = CODE, message = "must be 6 digits") String code,
            @Size(min = 1, max = 64) String recoveryCode) {

        @JsonIgnore
        @AssertTrue(message = "send exactly one of code and recoveryCode")
        boolean isOneFactor() {
            return (code == null) != (recoveryCode == null);
        }
    }

    record EnrolmentResponse(String secret, String otpauthUri, String qrPng) {
    }

    record RecoveryCodesResponse(List<String> recoveryCodes) {
    }

    record MfaStatusResponse(boolean enabled, boolean enrolmentPending, int recoveryCodesRemaining) {
    }

    @PostMapping(path = "/api/v1/auth/user/mfa/verify", produces = "application/json")
    @Operation(summary = "Complete a login with a TOTP code or a recovery code",
            description = "Exchanges the mfaToken answered by login (valid 5 minutes, single use) and a current "
                    + "6-digit TOTP code (RFC 6238: SHA-1, 30 s, one step of drift either way; each code accepted "
                    + "once) or one of the user's one-time recovery codes for the token pair. amr is "
                    + "[pwd, otp, mfa] with a code, [pwd, mfa] with a recovery code. Wrong codes answer 401 "
                    + "invalid_mfa_code (5 burn the mfaToken) and are throttled per account and per client address "
                    + "(429 with Retry-After); a dead mfaToken answers 401 invalid_mfa_token.")
    ResponseEntity<TokenPair> verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        return noStore(login.verify(request.mfaToken(), request.code(), request.recoveryCode(),
                ClientAddress.of(http)));
    }

    @GetMapping(path = "/api/v1/auth/user/mfa", produces = "application/json")
    @Operation(summary = "Your MFA status", description = "Whether MFA is enabled, an enrolment is waiting for its "
            + "first code, and how many unused recovery codes are left.")
    MfaStatusResponse status(@AuthenticationPrincipal CallerToken caller) {
        MfaEnrolment.State state = enrolment.state(caller);
        return new MfaStatusResponse(state.status() == MfaFactors.Status.ACTIVE,
                state.status() == MfaFactors.Status.PENDING, state.recoveryCodesRemaining());
    }

    @PostMapping(path = "/api/v1/auth/user/mfa/enrol", produces = "application/json")
    @Operation(summary = "Start enrolling an authenticator app",
            description = "Answers a new TOTP secret (base32), its otpauth:// URI and the URI as a QR code (PNG, "
                    + "base64 in qrPng; also at GET /api/v1/auth/user/mfa/enrol/qr.png). MFA is active only once "
                    + "confirmed with a first code. Calling again replaces an unconfirmed secret; 409 "
                    + "mfa_already_enabled while MFA is enabled. Not allowed with an impersonation token.")
    ResponseEntity<EnrolmentResponse> enrol(@AuthenticationPrincipal CallerToken caller, HttpServletRequest http) {
        MfaFactors.Enrolment started = enrolment.start(caller, ClientAddress.of(http));
        return noStore(new EnrolmentResponse(started.secret(), started.otpauthUri(),
                Base64.getEncoder().encodeToString(QrCodeImage.png(started.otpauthUri()))));
    }

    @GetMapping(path = "/api/v1/auth/user/mfa/enrol/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "QR code of the pending enrolment", description = "The otpauth:// URI of the enrolment in "
            + "progress as a PNG; 409 mfa_enrolment_not_started when there is none.")
    ResponseEntity<byte[]> qrPng(@AuthenticationPrincipal CallerToken caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(enrolment.pendingQrPng(caller));
    }

    @PostMapping(path = "/api/v1/auth/user/mfa/enrol/confirm", produces = "application/json")
    @Operation(summary = "Confirm the enrolment with a first code",
            description = "Activates MFA and answers 10 one-time recovery codes, shown this once (only their hashes "
                    + "are kept). A wrong code answers 422 mfa_code_rejected and is throttled like login codes.")
    ResponseEntity<RecoveryCodesResponse> confirm(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CodeRequest request, HttpServletRequest http) {
        return noStore(new RecoveryCodesResponse(enrolment.confirm(caller, request.code(), ClientAddress.of(http))));
    }

    @PostMapping(path = "/api/v1/auth/user/mfa/recovery-codes", produces = "application/json")
    @Operation(summary = "Replace your recovery codes",
            description = "Takes a current TOTP code; answers 10 new recovery codes and invalidates the old ones.")
    ResponseEntity<RecoveryCodesResponse> regenerate(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody CodeRequest request, HttpServletRequest http) {
        return noStore(new RecoveryCodesResponse(
                enrolment.regenerateRecoveryCodes(caller, request.code(), ClientAddress.of(http))));
    }

    @PostMapping(path = "/api/v1/auth/user/mfa/disable")
    @Operation(summary = "Disable MFA", description = "Takes a current TOTP code or a recovery code; removes the "
            + "authenticator and the recovery codes. 204 when done.")
    ResponseEntity<Void> disable(@AuthenticationPrincipal CallerToken caller,
            @Valid @RequestBody DisableRequest request, HttpServletRequest http) {
        enrolment.disable(caller, request.code(), request.recoveryCode(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
