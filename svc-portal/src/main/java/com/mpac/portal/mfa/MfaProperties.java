package com.mpac.portal.mfa;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MFA settings ({@code mpac.portal.auth.mfa.*}): the issuer name authenticator apps show, how long the login's MFA
 * challenge lives (5 minutes at most) and how many wrong codes burn it.
 */
@Validated
@ConfigurationProperties("mpac.portal.auth.mfa")
record MfaProperties(@NotBlank @DefaultValue("MPAC") String issuer,
        @NotNull @DefaultValue("5m") Duration challengeLifetime,
        @Min(1) @DefaultValue("5") int challengeMaxFailures) {

    MfaProperties {
        if (challengeLifetime != null
                && (challengeLifetime.isNegative() || challengeLifetime.compareTo(Duration.ofMinutes(5)) > 0)) {
            throw new IllegalArgumentException("mpac.portal.auth.mfa.challenge-lifetime must be at most 5 minutes");
        }
    }
}
