package com.mpac.smarttab.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SmartTab's own settings ({@code mpac.smarttab.*}).
 *
 * @param refundLimits per currency, the largest refund a terminal or cashier may give alone; above it (or in a
 *        currency not listed) a store manager or merchant admin must
 * @param gateway where mpac-pgw is and how its outcomes reach SmartTab
 */
@Validated
@ConfigurationProperties("mpac.smarttab")
public record SmartTabProperties(@NotNull @DefaultValue Map<String, BigDecimal> refundLimits,
        @NotNull @DefaultValue Gateway gateway) {

    /**
     * @param url mpac-pgw's base URL
     * @param webhookSecrets the {@code whsec_} secrets of SmartTab's platform subscription at the gateway (more than
     *        one while rotating); none means every webhook is refused
     * @param webhookTolerance how far a webhook's timestamp may be from now
     * @param pollInterval how often payments still pending at the gateway are looked up (the webhook fallback)
     * @param pollAfter how long a pending payment is left to its webhook before it is looked up
     * @param timeout connect and read timeout of one gateway call
     */
    public record Gateway(@NotNull URI url,
            @NotNull @DefaultValue List<String> webhookSecrets,
            @NotNull @DefaultValue("300s") Duration webhookTolerance,
            @NotNull @DefaultValue("5s") Duration pollInterval,
            @NotNull @DefaultValue("10s") Duration pollAfter,
            @NotNull @DefaultValue("10s") Duration timeout) {
    }
}
