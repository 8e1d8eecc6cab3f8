package com.mpac.contracts.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The S2S HMAC scheme's limits: how far a timestamp may be from our clock, how long a nonce is remembered, and the
 * largest body a signed request may carry (it is read into memory to be verified).
 */
@Validated
@ConfigurationProperties("mpac.s2s")
public record S2sProperties(@NotNull Duration clockSkew, @NotNull Duration replayWindow,
        @NotNull DataSize maxBodySize) {
}
