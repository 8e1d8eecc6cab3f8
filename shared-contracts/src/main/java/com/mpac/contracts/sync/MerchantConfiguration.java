package com.mpac.contracts.sync;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One merchant's configuration as svc-portal owns it, pushed to {@code POST /v1/sync/merchants} on mpac-pgw and on
 * every adapter that needs merchants. The whole configuration travels each time (no deltas), with a version that
 * only grows: a receiver applies a newer version, ignores a stale one, and keeps its own copy so payments go on
 * while the portal is down. JSON is snake_case whatever the receiving service's own style.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MerchantConfiguration(
        @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String merchantId,
        @NotNull @Positive Long version,
        @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String pspId,
        @NotBlank @Size(max = 200) String name,
        @NotNull MerchantStatus status,
        @NotNull @Size(max = 20) List<@Valid @NotNull ProviderAccount> providers,
        @NotNull @Size(max = 500) List<@Valid @NotNull Store> stores,
        @NotNull @Size(max = 20) List<@Valid @NotNull ApiKey> apiKeys,
        @NotNull @Size(max = 20) List<@Valid @NotNull WebhookEndpoint> webhookEndpoints,
        @NotNull @Size(max = 100) List<@Valid @NotNull ApiUser> apiUsers) {

    public static final String PATH = "/v1/sync/merchants";

    public enum MerchantStatus {
        ACTIVE, SUSPENDED, CLOSED
    }

    public enum Provider {
        PAYPAY, LINEPAY, MIA_POS, MOBILEPAY, VNPAY, MAGENSA
    }

    /**
     * The merchant's account at one provider: public identifiers (merchant id, TMN code, bioCode, customer code) and
     * credentials (API secrets), which receivers encrypt at rest.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProviderAccount(
            @NotNull Provider provider,
            boolean enabled,
            @NotNull @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 512) String> identifiers,
            @NotNull @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 4096) String> credentials) {

        @Override
        public String toString() {
            return "ProviderAccount[" + provider + ", enabled=" + enabled + ", identifiers=" + identifiers
                    + ", credentials=" + credentials.keySet() + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Store(
            @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String storeId,
            @NotBlank @Size(max = 200) String name,
            @NotNull Status status,
            @Size(max = 64) String timezone,
            @NotNull @Size(max = 500) List<@Valid @NotNull Terminal> terminals) {
    }

    /** A terminal, with its ids at providers that have their own (e.g. the MIA POS terminal id); may be empty. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Terminal(
            @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String terminalId,
            @Size(max = 100) String serialNumber,
            @NotNull Status status,
            @Size(max = 6) Map<@NotNull Provider, @NotBlank @Size(max = 64) String> providerTerminalIds) {

        public Terminal {
            providerTerminalIds = providerTerminalIds == null ? Map.of() : Map.copyOf(providerTerminalIds);
        }

        public Terminal(String terminalId, String serialNumber, Status status) {
            this(terminalId, serialNumber, status, Map.of());
        }
    }

    /** An S2S key of the merchant's back end; several secrets while one is being rotated. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApiKey(
            @NotBlank @Size(max = 64) @Pattern(regexp = "mpk_[A-Za-z0-9_]{8,60}") String keyId,
            @NotEmpty @Size(max = 3) List<@NotBlank @Size(min = 24, max = 256) String> secrets,
            @NotNull Status status) {

        @Override
        public String toString() {
            return "ApiKey[" + keyId + ", " + secrets.size() + " secret(s), " + status + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WebhookEndpoint(
            @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String endpointId,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https?://\\S+") String url,
            @NotBlank @Size(max = 256) @Pattern(regexp = "whsec_\\S+") String secret,
            @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> events,
            @NotNull Status status) {

        @Override
        public String toString() {
            return "WebhookEndpoint[" + endpointId + ", " + url + ", " + events + ", " + status + "]";
        }
    }

    /**
     * A machine user of a provider API that authenticates with a password (Magensa Basic auth, MobilePay access):
     * only the password's slow hash crosses the wire.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApiUser(
            @NotBlank @Size(max = 64) @Pattern(regexp = Ids.PATTERN) String userId,
            @NotNull Provider provider,
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Size(max = 256) String passwordHash,
            @NotNull Status status) {

        @Override
        public String toString() {
            return "ApiUser[" + userId + ", " + provider + ", " + username + ", " + status + "]";
        }
    }

    public enum Status {
        ACTIVE, DISABLED
    }

    static final class Ids {
        static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]*";

        private Ids() {
        }
    }
}
