package com.mpac.payreq.payment;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.payreq.config.PaymentRequestProperties;

/**
 * Rate limits payment attempts on the hosted page, per payment request and per client address (kept only as a
 * SHA-256), over a sliding window, so a card-testing script gets a few tries and then 429s. Counting in the
 * database makes it hold across instances; the check and the insert are not atomic, so a burst of concurrent
 * attempts can exceed the limit by the number in flight.
 */
@Component
class PaymentAttempts {

    private final PaymentRepository repository;
    private final PaymentRequestProperties.Attempts limits;
    private final Clock clock = Clock.systemUTC();

    PaymentAttempts(PaymentRepository repository, PaymentRequestProperties properties) {
        this.repository = repository;
        this.limits = properties.attempts();
    }

    /** Records the attempt and answers {@code true}, or {@code false} (recording nothing) when over a limit. */
    @Transactional
    boolean admit(UUID paymentRequestId, String remoteAddress) {
        String address = Sha256.hex(("payreq-attempt:" + remoteAddress).getBytes(StandardCharsets.UTF_8));
        Instant since = clock.instant().minus(limits.window());
        if (repository.attemptsForRequest(paymentRequestId, since) >= limits.perRequest()
                || repository.attemptsFromAddress(address, since) >= limits.perAddress()) {
            return false;
        }
        repository.recordAttempt(paymentRequestId, address);
        return true;
    }

    @Scheduled(fixedDelayString = "${mpac.purge-interval:5m}", initialDelayString = "${mpac.purge-interval:5m}")
    void purge() {
        repository.purgeAttemptsBefore(clock.instant().minus(limits.window()));
    }
}
