package com.mpac.portal.provisioning;

import java.time.Duration;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/** Too many wrong activation codes: answered 429 with {@code Retry-After}. */
class TooManyAttemptsException extends ApiException {

    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super(ProblemTypes.TOO_MANY_REQUESTS, "Too many wrong activation codes; retry later.");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
