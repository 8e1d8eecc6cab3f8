package com.mpac.portal.session;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Refresh-token lifetimes ({@code mpac.portal.auth.session.*}): a family (one login) lives at most
 * {@code familyLifetime} however often it is refreshed; a refresh token unused for {@code idleLifetime} dies.
 */
@Validated
@ConfigurationProperties("mpac.portal.auth.session")
record SessionProperties(@NotNull @DefaultValue("30d") Duration familyLifetime,
        @NotNull @DefaultValue("7d") Duration idleLifetime) {
}
