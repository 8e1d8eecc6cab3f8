package com.mpac.mia.terminal;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Requests and answers of terminal activation, field names as the MIA POS document spells them. */
final class ActivationRequests {

    private ActivationRequests() {
    }

    record InitRequest(@NotBlank @Size(max = 64) String terminalId, @NotBlank @Size(max = 32) String merchantIdno) {
    }

    record InitResponse(String result, UUID terminalActivationId, String maskedPhoneNumber, long waitTimeToResend) {
    }

    record ResendRequest(@NotNull UUID terminalActivationId) {
    }

    record ResendResponse(String result, int leftAttempts, long waitTimeToResend) {
    }

    record ConfirmRequest(@NotNull UUID terminalActivationId,
            @NotBlank @Pattern(regexp = "[0-9]{4,8}", message = "must be the digits of the OTP code") String otpCode) {
    }

    record ConfirmResponse(String result, int leftAttempts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InfoResponse(String result, String terminalId, String merchantIdno, String merchantName,
            String storeAddress) {
    }

    /** The device headers the init operation requires. */
    record Device(String device, String platformType, UUID installationId, int posAppVersion) {
    }
}
