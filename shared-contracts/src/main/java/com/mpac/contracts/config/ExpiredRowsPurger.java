package com.mpac.contracts.config;

import org.springframework.scheduling.annotation.Scheduled;

import com.mpac.contracts.hmac.NonceStore;
import com.mpac.contracts.idempotency.IdempotencyStore;

/** Deletes nonces past the replay window and idempotency keys past retention, so both tables stay small. */
class ExpiredRowsPurger {

    private final NonceStore nonces;
    private final IdempotencyStore idempotency;

    ExpiredRowsPurger(NonceStore nonces, IdempotencyStore idempotency) {
        this.nonces = nonces;
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelayString = "${mpac.purge-interval:5m}", initialDelayString = "${mpac.purge-interval:5m}")
    void purge() {
        nonces.purgeExpired();
        idempotency.purgeExpired();
    }
}
