package com.mpac.mqpay.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns {@code 204_SENT} attempts past {@code expiresAt} into {@code 501_EXPIRED}, releasing what they reserved of
 * their transaction. Safe with several instances: each batch takes its rows with {@code FOR UPDATE SKIP LOCKED}.
 * {@code mpac.mqpay.expiry-sweep-enabled=false} leaves an instance out (IPNs past expiresAt are late regardless).
 */
@Component
@ConditionalOnProperty(prefix = "mpac.mqpay", name = "expiry-sweep-enabled", havingValue = "true",
        matchIfMissing = true)
class AttemptExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(AttemptExpiryJob.class);
    static final int BATCH = 200;

    private final PaymentService payments;

    AttemptExpiryJob(PaymentService payments) {
        this.payments = payments;
    }

    @Scheduled(fixedDelayString = "${mpac.mqpay.expiry-sweep-interval}",
            initialDelayString = "${mpac.mqpay.expiry-sweep-interval}")
    void expireDueAttempts() {
        int expired;
        do {
            expired = payments.expireDueAttempts(BATCH);
            if (expired > 0) {
                log.info("Expired {} QR payment attempt(s)", expired);
            }
        }
        while (expired == BATCH);
    }
}
