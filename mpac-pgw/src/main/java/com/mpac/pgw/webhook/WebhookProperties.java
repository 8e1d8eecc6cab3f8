package com.mpac.pgw.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound webhooks ({@code mpac.pgw.webhooks.*}).
 *
 * @param platformSubscribers platform services that receive every merchant's events (svc-smarttab), each with its
 *        own {@code whsec_} secret from the environment
 * @param retrySchedule the wait before each retry, after a first attempt at once; after the last one a delivery is
 *        failed. The default makes ten attempts over about three days (71.6 h), each wait varied by up to a fifth
 *        either way (jitter), so endpoints that fail together are not retried together
 * @param pollInterval how often due deliveries are looked for
 * @param batchSize deliveries claimed per poll
 * @param lease how long a claimed delivery is left to its instance before another may send it
 * @param timeout connect and read timeout of one delivery
 */
@Validated
@ConfigurationProperties("mpac.pgw.webhooks")
record WebhookProperties(
        @NotNull @DefaultValue List<@Valid @NotNull PlatformSubscriber> platformSubscribers,
        @NotEmpty @DefaultValue({ "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "20h" })
        List<@NotNull Duration> retrySchedule,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(500) @DefaultValue("20") int batchSize,
        @NotNull @DefaultValue("60s") Duration lease,
        @NotNull @DefaultValue("10s") Duration timeout) {

    WebhookProperties {
        platformSubscribers = List.copyOf(platformSubscribers);
        retrySchedule = List.copyOf(retrySchedule);
    }

    record PlatformSubscriber(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String name,
            @NotBlank @Pattern(regexp = "https?://\\S+") String url,
            @NotBlank @Pattern(regexp = "whsec_\\S+") String secret) {

        String endpointId() {
            return "platform:" + name;
        }

        @Override
        public String toString() {
            return "PlatformSubscriber[" + name + ", " + url + "]";
        }
    }
}
