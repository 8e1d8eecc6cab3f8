package com.mpac.portal.auth;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password checks that take the same time whether or not there is a hash to check against: for an unknown account
 * the password is compared with a dummy hash of the same cost, so timing does not tell which emails exist.
 */
@Component
class Passwords {

    private final PasswordEncoder encoder;
    private final String dummyHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    /** Whether {@code raw} matches {@code hash}; {@code hash} null means no such account (always false). */
    boolean matches(String raw, String hash) {
        if (hash == null || raw.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            // Longer than any password the policy lets anyone set; still spend the time a real check takes.
            encoder.matches("x", dummyHash);
            return false;
        }
        try {
            return encoder.matches(raw, hash);
        }
        catch (IllegalArgumentException ex) {
            // A hash this encoder cannot read (unknown id): as good as a wrong password.
            return false;
        }
    }

    boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    String hash(String raw) {
        return encoder.encode(raw);
    }
}
