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
     * @param confirmResendAfter how old an intent still unconfirmed (the confirm got no answer) is before the poll
     *        sends the confirm again under its first Idempotency-Key (the gateway replays or completes it)
     * @param confirmDeadline how old an intent still unconfirmed is before it is canceled at the gateway and its
     *        payment failed, releasing the bill
     * @param unsentAfter how old a PENDING payment without a recorded intent (the request died before the gateway
     *        answered the create) is before it is failed and released; longer than two gateway calls
     * @param refundLease how long a poller's claim on a pending refund lasts; doubled on each further attempt
     */
    public record Gateway(@NotNull URI url,
            @NotNull @DefaultValue List<String> webhookSecrets,
            @NotNull @DefaultValue("300s") Duration webhookTolerance,
            @NotNull @DefaultValue("5s") Duration pollInterval,
            @NotNull @DefaultValue("10s") Duration pollAfter,
            @NotNull @DefaultValue("10s") Duration timeout,
            @NotNull @DefaultValue("30s") Duration confirmResendAfter,
            @NotNull @DefaultValue("10m") Duration confirmDeadline,
            @NotNull @DefaultValue("2m") Duration unsentAfter,
            @NotNull @DefaultValue("30s") Duration refundLease) {
    }
}
