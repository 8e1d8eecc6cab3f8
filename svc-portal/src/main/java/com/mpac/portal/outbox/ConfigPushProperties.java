package com.mpac.portal.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configuration push ({@code mpac.portal.config-push.*}).
 *
 * @param targets receivers of every merchant's configuration, e.g. {@code pgw,mia,mobilepay,mqpay,payreq}; each is
 *        reached at its {@code mpac.<name>-url} plus {@code /v1/sync/merchants}. The default is all five
 *        (deliveries to a newly added target are created for every merchant at the next start)
 * @param pollInterval how often due deliveries are looked for (also {@code @Scheduled}'s delay)
 * @param batchSize deliveries claimed per poll
 * @param lease how long a claimed delivery is left to its sender before another instance may retry it
 * @param initialBackoff the first retry's delay, doubled per failed attempt (with jitter) up to {@code maxBackoff}
 * @param giveUpAfter a version still undelivered this long after it was enqueued is marked FAILED (the next change
 *        to the merchant starts over)
 * @param connectTimeout connect timeout of one send
 * @param readTimeout read timeout of one send
 */
@Validated
@ConfigurationProperties("mpac.portal.config-push")
record ConfigPushProperties(
        @NotNull @DefaultValue({ "pgw", "mqpay", "mia", "mobilepay", "payreq" }) List<@NotNull ConfigPushTarget> targets,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(500) @DefaultValue("20") int batchSize,
        @NotNull @DefaultValue("60s") Duration lease,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DefaultValue("1h") Duration maxBackoff,
        @NotNull @DefaultValue("72h") Duration giveUpAfter,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout) {

    ConfigPushProperties {
        targets = List.copyOf(targets);
    }
}
