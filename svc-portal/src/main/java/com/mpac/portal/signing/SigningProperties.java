package com.mpac.portal.signing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Key rotation: how old an active key may grow before the schedule replaces it, and how long a retired key stays
 * published (at least the longest token lifetime plus verifiers' clock skew and JWKS cache time).
 */
@Validated
@ConfigurationProperties("mpac.portal.signing")
record SigningProperties(@NotNull Duration rotationInterval, @NotNull Duration publishAfterRetirement) {
}
