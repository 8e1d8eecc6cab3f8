package com.mpac.mia.terminal;

import java.util.UUID;

import com.mpac.mia.merchant.Terminal;

/** The authenticated seller of a request: their session, the activation (device binding) and the terminal. */
public record Seller(UUID sessionId, long sellerId, String email, UUID activationId, Terminal terminal) {
}
