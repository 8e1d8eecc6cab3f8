package com.mpac.portal.session;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.mpac.portal.throttle.Throttle;

/**
 * Throttling of guessable secrets at login: passwords and MFA codes, each counted per account and per client address.
 * Callers {@link #check} before verifying anything, then report {@link #failed} or {@link #succeeded}, each of which
 * checks again: a burst of concurrent guesses all pass the first check, but once enough of them have failed, every
 * answer still to come is a 429, right guess or wrong, so the burst learns no more than the first few guesses.
 * An account key is whatever the caller typed (a lower-cased email) or a user id, so unknown accounts are throttled
 * exactly like real ones and the throttle tells an attacker nothing about which exist.
 */
@Component
public class AttemptThrottle {

    /** What is being guessed; each has its own buckets. */
    public enum Kind {
        PASSWORD("login"), MFA_CODE("mfa");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Throttle throttle;
    private final Throttle.Policy accountPolicy;
    private final Throttle.Policy addressPolicy;

    AttemptThrottle(Throttle throttle, AttemptThrottleProperties properties) {
        this.throttle = throttle;
        this.accountPolicy = properties.account();
        this.addressPolicy = properties.address();
    }

    /** Answers 429 if the address or (when given) the account is locked now. */
    public void check(Kind kind, String account, String address) {
        Stream.of(Optional.ofNullable(account).flatMap(a -> throttle.retryAfter(accountKey(kind, a))),
                        throttle.retryAfter(addressKey(kind, address)))
                .flatMap(Optional::stream)
                .max(Duration::compareTo)
                .ifPresent(wait -> {
                    throw new TooManyAttemptsException(wait);
                });
    }

    /**
     * Counts a failure against the address and (when known) the account; answers 429 if that (or a concurrent failure)
     * locked either, so the caller's own "wrong" answer is only given while guessing is still allowed.
     */
    public void failed(Kind kind, String account, String address) {
        if (account != null) {
            throttle.recordFailure(accountKey(kind, account), accountPolicy);
        }
        throttle.recordFailure(addressKey(kind, address), addressPolicy);
        check(kind, account, address);
    }

    /**
     * A right guess counts only if nothing got locked while it was being checked (429 otherwise); it then clears the
     * account's count. The address keeps its count: otherwise an attacker holding one valid account could reset their
     * address between guesses at other accounts.
     */
    public void succeeded(Kind kind, String account, String address) {
        check(kind, account, address);
        throttle.reset(accountKey(kind, account));
    }

    private static String accountKey(Kind kind, String account) {
        return kind.prefix + ":account:" + account.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(Kind kind, String address) {
        return kind.prefix + ":ip:" + address;
    }
}
