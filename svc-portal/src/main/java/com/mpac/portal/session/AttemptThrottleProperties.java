package com.mpac.portal.session;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.mpac.portal.throttle.Throttle;

/**
 * How failed passwords and MFA codes are throttled ({@code mpac.portal.auth.throttle.*}). Per account: 5 failures in
 * 15 min lock it for 30 s, doubling with each further failure up to 5 min, so an attacker cannot keep the real user out
 * for long. Per client address: 20 failures in 15 min lock the address for 60 s, doubling up to 5 min, so one client
 * cannot try a password on many accounts.
 */
@Validated
@ConfigurationProperties("mpac.portal.auth.throttle")
record AttemptThrottleProperties(
        @Min(1) @DefaultValue("5") int accountMaxFailures,
        @NotNull @DefaultValue("15m") Duration accountWindow,
        @NotNull @DefaultValue("30s") Duration accountLockout,
        @NotNull @DefaultValue("5m") Duration accountMaxLockout,
        @Min(1) @DefaultValue("20") int addressMaxFailures,
        @NotNull @DefaultValue("15m") Duration addressWindow,
        @NotNull @DefaultValue("60s") Duration addressLockout,
        @NotNull @DefaultValue("5m") Duration addressMaxLockout) {

    Throttle.Policy account() {
        return new Throttle.Policy(accountMaxFailures, accountWindow, accountLockout, accountMaxLockout);
    }

    Throttle.Policy address() {
        return new Throttle.Policy(addressMaxFailures, addressWindow, addressLockout, addressMaxLockout);
    }
}
