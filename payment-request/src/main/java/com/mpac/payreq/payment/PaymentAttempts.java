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
 * Rate limits the hosted page. Per client address (kept only as a SHA-256) every attempt counts, so a
 * card-testing script gets a few tries and then 429s. Per payment request only the attempts that reached the
 * processor and were declined count: invalid input from whoever holds the link cannot block the request for its
 * shopper. Both over a sliding window, counted in the database so they hold across instances; check and insert are
 * not atomic, so a burst of concurrent attempts can exceed a limit by the number in flight.
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

    /**
     * Records the attempt from this address and answers {@code true}, or {@code false} (recording nothing) when the
     * address is over its limit.
     */
    @Transactional
    boolean admit(UUID paymentRequestId, String remoteAddress) {
        String address = Sha256.hex(("payreq-attempt:" + remoteAddress).getBytes(StandardCharsets.UTF_8));
        if (repository.attemptsFromAddress(address, since()) >= limits.perAddress()) {
            return false;
        }
        repository.recordAttempt(paymentRequestId, address);
        return true;
    }

    /** Whether the request has had as many declined payments within the window as it takes. */
    @Transactional(readOnly = true)
    boolean declinesExhausted(UUID paymentRequestId) {
        return repository.declinesForRequest(paymentRequestId, since()) >= limits.perRequest();
    }

    private Instant since() {
        return clock.instant().minus(limits.window());
    }

    @Scheduled(fixedDelayString = "${mpac.purge-interval:5m}", initialDelayString = "${mpac.purge-interval:5m}")
    void purge() {
        repository.purgeAttemptsBefore(since());
    }
}
