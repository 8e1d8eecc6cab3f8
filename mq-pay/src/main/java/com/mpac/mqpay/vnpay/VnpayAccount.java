package com.mpac.mqpay.vnpay;

import java.util.Optional;

import com.mpac.mqpay.merchant.ProviderAccount;

/**
 * A merchant's VNPAY-QR account as svc-portal pushes it (provider {@code VNPAY}): identifiers
 * {@code merchant_code} (VNPAY's merchant code; {@code tmn_code} is accepted for it), {@code acquirer_bin} (the
 * acquirer's NAPAS BIN in the QR) and optional {@code terminal_id}; credential {@code hash_secret} (the IPN checksum
 * secret).
 */
public record VnpayAccount(String merchantCode, String acquirerBin, String terminalId, String hashSecret) {

    /** The account, or empty when a required identifier or the secret is missing. */
    public static Optional<VnpayAccount> from(ProviderAccount account) {
        String merchantCode = account.identifiers().getOrDefault("merchant_code",
                account.identifiers().get("tmn_code"));
        String acquirerBin = account.identifiers().get("acquirer_bin");
        String secret = account.credentials().get("hash_secret");
        if (blank(merchantCode) || blank(acquirerBin) || blank(secret)) {
            return Optional.empty();
        }
        return Optional.of(new VnpayAccount(merchantCode, acquirerBin, account.identifiers().get("terminal_id"),
                secret));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "VnpayAccount[" + merchantCode + ", " + acquirerBin + ", " + terminalId + "]";
    }
}
