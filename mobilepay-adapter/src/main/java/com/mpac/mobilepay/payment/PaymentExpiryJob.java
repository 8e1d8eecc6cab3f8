package com.mpac.mobilepay.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Payments the shopper left unanswered past {@code mpac.mobilepay.payment-timeout} become
 * {@code ExpiredAndCancelled}. Safe with several instances: each batch takes its rows with
 * {@code FOR UPDATE SKIP LOCKED} and re-checks the state in the same update.
 */
@Component
class PaymentExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(PaymentExpiryJob.class);
    static final int BATCH = 200;

    private final PaymentService payments;

    PaymentExpiryJob(PaymentService payments) {
        this.payments = payments;
    }

    @Scheduled(fixedDelayString = "${mpac.mobilepay.expiry-sweep-interval}",
            initialDelayString = "${mpac.mobilepay.expiry-sweep-interval}")
    void expireDuePayments() {
        int expired;
        do {
            expired = payments.expireDue(BATCH);
            if (expired > 0) {
                log.info("Expired {} unanswered MobilePay payment(s)", expired);
            }
        }
        while (expired == BATCH);
    }
}
