package com.mpac.contracts.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys: which routes demand one (path patterns, e.g. {@code /v1/payment_intents/*}), how long a request
 * may hold its key before a retry may take it over, and how long keys are kept (at least 24 h, PLATFORM.md).
 */
@Validated
@ConfigurationProperties("mpac.idempotency")
public record IdempotencyProperties(@DefaultValue List<String> requiredPaths, @NotNull Duration lease,
        @NotNull Duration retention) {
}
