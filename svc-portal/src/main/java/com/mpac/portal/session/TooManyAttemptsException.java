package com.mpac.portal.session;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.problem.Problems;

/**
 * 429 with {@code Retry-After} (seconds): the problem handler renders an {@link ErrorResponseException} with its
 * headers. The same answer whether or not the account exists.
 */
public class TooManyAttemptsException extends ErrorResponseException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super(ProblemTypes.TOO_MANY_REQUESTS.status(), Problems.of(ProblemTypes.TOO_MANY_REQUESTS,
                "Too many failed attempts. Try again later.", Map.of("retryAfter", retryAfter.toSeconds())), null);
        this.retryAfter = retryAfter;
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
