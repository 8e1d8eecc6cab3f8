package com.mpac.portal.provisioning;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;

/**
 * Responses that carry a secret shown once (activation codes, client secrets) must not be stored for replay: the
 * platform's idempotency filter keeps a keyed POST's response body in the database for 48 hours. Refusing the key
 * makes the filter remember this refusal instead of the secret. Retrying without a key is safe: it issues a new
 * code or secret, and the previous one is simply replaced.
 */
final class SecretResponses {

    static final ProblemType IDEMPOTENCY_KEY_NOT_ACCEPTED = new ProblemType("idempotency_key_not_accepted",
            HttpStatus.BAD_REQUEST, "Idempotency-Key not accepted");

    private SecretResponses() {
    }

    static void refuseIdempotencyKey(@Nullable String key) {
        if (key != null) {
            throw new ApiException(IDEMPOTENCY_KEY_NOT_ACCEPTED,
                    "This response carries a secret shown once and is never stored, so it cannot be replayed: "
                            + "send the request without an Idempotency-Key.");
        }
    }
}
