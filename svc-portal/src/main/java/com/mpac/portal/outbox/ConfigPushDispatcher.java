package com.mpac.portal.outbox;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;

/**
 * Delivers pending configuration versions: claims due deliveries, POSTs each one's stored payload, signed with the
 * portal's own platform key, to its target's {@code /v1/sync/merchants}, and records the outcome. At least once:
 * a push whose answer was lost is sent again, which receivers absorb since they apply versions idempotently
 * (UNCHANGED, STALE). Any 2xx counts as delivered; anything else (a 5xx, a 4xx of a receiver without the route, no
 * answer) is retried with exponential backoff and jitter until {@code giveUpAfter}. Each target has its own delivery
 * row, so one receiver being down never holds up the others.
 */
@Component
class ConfigPushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ConfigPushDispatcher.class);
    static final String PORTAL = "svc-portal";

    private final ConfigDeliveries deliveries;
    private final ConfigPushProperties properties;
    private final SecretCipher cipher;
    private final RestClient http;

    ConfigPushDispatcher(ConfigDeliveries deliveries, ConfigPushProperties properties, SecretCipher cipher,
            PlatformKeys platformKeys, Clock clock) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.cipher = cipher;
        HmacSigner signer = new HmacSigner(platformKeys.keyOf(PORTAL).orElseThrow(() -> new IllegalStateException(
                "MPAC_PLATFORM_KEYS has no key for " + PORTAL + ": the configuration push cannot be signed")), clock);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).requestInterceptor(signer).build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void alignTargets() {
        deliveries.alignWithConfiguredTargets();
    }

    @Scheduled(fixedDelayString = "${mpac.portal.config-push.poll-interval:1s}",
            initialDelayString = "${mpac.portal.config-push.poll-interval:1s}")
    void dispatchDue() {
        for (ConfigDeliveries.Claimed delivery : deliveries.claimDue()) {
            send(delivery);
        }
    }

    private void send(ConfigDeliveries.Claimed delivery) {
        // A newer version may have replaced this one (and its row) since the claim; that one is pending itself.
        String payload = deliveries.payload(delivery.merchantId(), delivery.version()).orElse(null);
        if (payload == null) {
            return;
        }
        byte[] body = cipher.decrypt(payload, SecretContexts.configPush(delivery.merchantId(), delivery.version()))
                .getBytes(StandardCharsets.UTF_8);
        try {
            http.post().uri(delivery.url()).contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().toBodilessEntity();
            deliveries.delivered(delivery);
            log.debug("Configuration {} v{} delivered to {}", delivery.merchantId(), delivery.version(),
                    delivery.target());
        }
        catch (RestClientResponseException ex) {
            retryLater(delivery, "HTTP " + ex.getStatusCode().value());
        }
        catch (RuntimeException ex) {
            retryLater(delivery, ex.getClass().getSimpleName());
        }
    }

    private void retryLater(ConfigDeliveries.Claimed delivery, String error) {
        Duration retryIn = backoff(delivery.attempts());
        // The first failure and every tenth after it: a receiver down for hours must not flood the log.
        if (delivery.attempts() == 1 || delivery.attempts() % 10 == 0) {
            log.warn("Configuration {} v{} not delivered to {} (attempt {}: {}); retrying in {} ms",
                    delivery.merchantId(), delivery.version(), delivery.target(), delivery.attempts(), error,
                    retryIn.toMillis());
        }
        deliveries.failed(delivery, error, retryIn);
    }

    /** initialBackoff doubled per attempt, capped, then between half and all of it (jitter spreads retries). */
    Duration backoff(int attempts) {
        long initial = properties.initialBackoff().toMillis();
        long cap = properties.maxBackoff().toMillis();
        long exponential = initial << Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = (exponential <= 0 || exponential > cap) ? cap : exponential;
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
