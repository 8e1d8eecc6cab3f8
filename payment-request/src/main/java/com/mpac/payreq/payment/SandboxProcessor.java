package com.mpac.payreq.payment;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The sandbox card processor and wallet. It holds no state: it answers for a checked card or wallet token with an
 * approval or a decline and its own reference. Published test numbers (README): 4111 1111 1111 1111,
 * 5555 5555 5555 4444, 3782 822463 10005 and 6011 1111 1111 1117 approve; 4000 0000 0000 0002 (declined),
 * 4000 0000 0000 9995 (insufficient funds) and 4000 0000 0000 0069 (expired card) decline, as does every other
 * valid number. Wallet tokens: {@code wallet_sandbox_approve} approves, {@code wallet_sandbox_decline} and
 * anything else decline.
 */
@Component
class SandboxProcessor {

    static final String WALLET_APPROVE = "wallet_sandbox_approve";
    static final String WALLET_DECLINE = "wallet_sandbox_decline";

    private static final Map<String, String> DECLINES = Map.of(
            "4000000000000002", "Card declined",
            "4000000000009995", "Insufficient funds",
            "4000000000000069", "Expired card");
    private static final java.util.Set<String> APPROVALS = java.util.Set.of("4111111111111111", "5555555555554444",
            "378282246310005", "6011111111111117");

    private final SecureRandom random = new SecureRandom();

    Outcome charge(CardNumber card, BigDecimal total) {
        for (String approved : APPROVALS) {
            if (card.is(approved)) {
                return Outcome.approved(reference());
            }
        }
        for (var decline : DECLINES.entrySet()) {
            if (card.is(decline.getKey())) {
                return Outcome.declined(reference(), decline.getValue());
            }
        }
        return Outcome.declined(reference(), "Do not honor (not a sandbox test card)");
    }

    Outcome chargeWallet(String token, BigDecimal total) {
        if (WALLET_APPROVE.equals(token)) {
            return Outcome.approved(reference());
        }
        return Outcome.declined(reference(), WALLET_DECLINE.equals(token) ? "Wallet payment declined"
                : "Unknown wallet token");
    }

    private String reference() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "SBX-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    record Outcome(boolean approved, String reference, String declineReason) {

        static Outcome approved(String reference) {
            return new Outcome(true, reference, null);
        }

        static Outcome declined(String reference, String reason) {
            return new Outcome(false, reference, reason);
        }
    }
}
