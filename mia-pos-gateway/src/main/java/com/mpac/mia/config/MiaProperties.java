package com.mpac.mia.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service's own settings ({@code mpac.mia.*}): OTP limits, token lifetimes and what the seller session
 * shows as the bank. {@code initLimit} activation inits per terminal within {@code initWindow}: each sends an SMS
 * and brings fresh OTP attempts, so without a cap SMS flooding and OTP guessing would be unbounded.
 */
@Validated
@ConfigurationProperties("mpac.mia")
public record MiaProperties(
        @Min(1) int otpAttempts,
        @Min(0) int otpResends,
        @NotNull Duration resendWait,
        @Min(1) int initLimit,
        @NotNull Duration initWindow,
        @NotNull Duration accessTokenTtl,
        @NotNull Duration refreshTokenTtl,
        @NotBlank String mcc,
        @NotNull Bank bank) {

    public record Bank(@NotBlank String name, String image, String userGuideUrl, String supportPhone,
            String supportEmail) {
    }
}
