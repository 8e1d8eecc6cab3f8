package com.mpac.portal.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * What a password must be (NIST SP 800-63B: length over composition rules): 12 to 128 characters, not only
 * whitespace, and at most 72 bytes in UTF-8, because bcrypt reads no further (72 ASCII characters; fewer with
 * accented or non-Latin characters). Every place that sets a password checks it here.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    public static final int MAX_BYTES = 72;

    /** What is wrong with the password, if anything, in words for the user. */
    public Optional<String> violation(String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("must not be blank");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8 (72 ASCII characters)");
        }
        return Optional.empty();
    }

    /** Answers 400 {@code validation_failed} naming {@code field} when the password breaks the policy. */
    public void require(String field, String password) {
        violation(password).ifPresent(message -> {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", field, "message", message))));
        });
    }
}
