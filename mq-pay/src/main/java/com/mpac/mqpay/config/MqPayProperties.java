package com.mpac.mqpay.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * mq-pay's own settings: the public base URL QR image links are built on, how long a QR attempt lives when the
 * checkout names no expiration, and how often the expiry job looks for attempts past their time.
 */
@Validated
@ConfigurationProperties("mpac.mqpay")
public record MqPayProperties(@NotBlank String publicUrl, @NotNull Duration defaultQrExpiration,
        @NotNull Duration expirySweepInterval) {
}
