package com.mpac.portal.provisioning;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Requests and responses of terminal provisioning and terminal credentials. */
final class ProvisioningApi {

    /** Printable ASCII without control characters: device facts end up in admin screens and logs. */
    static final String PRINTABLE = "^[\\x20-\\x7E]*$";

    /** The registry's serial number syntax (it is stored in the terminal's serial_number, see TerminalController). */
    static final String SERIAL = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$";

    private ProvisioningApi() {
    }

    record GenerateActivationCodeRequest(@NotBlank @Size(max = 64) String terminalId) {
    }

    record ActivationCodeResponse(
            @Schema(description = "Single-use code to type on the terminal, XXXX-XXXX", example = "7KQM-4XWP")
            String activationCode,
            Instant expiresAt,
            String terminalId) {
    }

    record ActivateRequest(
            @NotBlank @Size(max = 16) String activationCode,
            @NotBlank @Size(max = 100) @Pattern(regexp = SERIAL) String serialNumber,
            @NotBlank @Size(max = 64) @Pattern(regexp = PRINTABLE) String model,
            @NotBlank @Size(max = 32) @Pattern(regexp = PRINTABLE) String appVersion) {
    }

    record ActivationResponse(
            String terminalId,
            @Schema(description = "OAuth2 client id for the device token endpoint") String clientId,
            @Schema(description = "OAuth2 client secret; shown this once, store it securely") String clientSecret,
            @Schema(description = "Where to ask for device access tokens (client_credentials)") String tokenEndpoint,
            String merchantId,
            String storeId) {

        @Override
        public String toString() {
            return "ActivationResponse[terminalId=" + terminalId + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    enum ActivationStatus {
        PENDING, ACTIVATED, EXPIRED
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ActivationStatusResponse(String terminalId, ActivationStatus status, Instant expiresAt,
            Instant activatedAt) {
    }

    record CredentialsResponse(
            String terminalId,
            String clientId,
            @Schema(description = "The new client secret; shown this once. The previous one no longer works")
            String clientSecret,
            String tokenEndpoint,
            Instant rotatedAt) {

        @Override
        public String toString() {
            return "CredentialsResponse[terminalId=" + terminalId + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    record TerminalStatusResponse(String terminalId, String status) {
    }
}
