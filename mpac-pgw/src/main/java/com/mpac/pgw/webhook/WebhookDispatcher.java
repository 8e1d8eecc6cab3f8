package com.mpac.pgw.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.pgw.merchant.MerchantDirectory;
import com.mpac.pgw.merchant.WebhookTarget;

/**
 * Sends due deliveries as Standard Webhooks, signed with the endpoint's secret at the moment of sending. A 2xx ends
 * the delivery; a 410 disables a merchant's endpoint; anything else (other statuses, timeouts, refused connections)
 * is retried on the schedule until it runs out.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookRepository repository;
    private final MerchantDirectory merchants;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookDispatcher(WebhookRepository repository, MerchantDirectory merchants, WebhookProperties properties,
            Clock clock) {
        this.repository = repository;
        this.merchants = merchants;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelayString = "${mpac.pgw.webhooks.poll-interval:1s}",
            initialDelayString = "${mpac.pgw.webhooks.poll-interval:1s}")
    void dispatchDue() {
        List<WebhookRepository.Delivery> due = repository.claimDue(clock.instant(), properties.lease(),
                properties.batchSize());
        if (due.isEmpty()) {
            return;
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(delivery -> senders.submit(() -> send(delivery)));
        }
    }

    void send(WebhookRepository.Delivery delivery) {
        Optional<WebhookTarget> target = target(delivery.endpointId());
        if (target.isEmpty()) {
            repository.finishAttempt(delivery.id(), "abandoned", null, "The endpoint was removed or disabled.", null);
            return;
        }
        Instant start = clock.instant();
        Integer status = null;
        String error = null;
        try {
            long timestamp = start.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.get().url()))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "mpac-pgw-webhooks/1")
                    .header(StandardWebhook.ID, delivery.eventId())
                    .header(StandardWebhook.TIMESTAMP, Long.toString(timestamp))
                    .header(StandardWebhook.SIGNATURE, StandardWebhook.sign(target.get().secret(),
                            delivery.eventId(), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        catch (Exception ex) {
            error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        long durationMs = Duration.between(start, clock.instant()).toMillis();
        repository.recordAttempt(delivery.id(), start, status, error, durationMs);
        conclude(delivery, status, error);
    }

    private void conclude(WebhookRepository.Delivery delivery, Integer status, String error) {
        if (status != null && status >= 200 && status < 300) {
            repository.finishAttempt(delivery.id(), "succeeded", status, null, null);
        }
        else if (status != null && status == 410 && !delivery.endpointId().startsWith("platform:")) {
            merchants.disableWebhookEndpoint(delivery.endpointId(), "answered 410 Gone");
            repository.finishAttempt(delivery.id(), "abandoned", status, "The endpoint answered 410 Gone.", null);
            log.info("Webhook endpoint {} answered 410 and is disabled", delivery.endpointId());
        }
        else {
            List<Duration> schedule = properties.retrySchedule();
            String reason = error != null ? error : "HTTP " + status;
            if (delivery.attempts() >= schedule.size()) {
                repository.finishAttempt(delivery.id(), "failed", status, reason, null);
            }
            else {
                repository.finishAttempt(delivery.id(), "pending", status, reason,
                        clock.instant().plus(jittered(schedule.get(delivery.attempts()))));
            }
        }
    }

    private Optional<WebhookTarget> target(String endpointId) {
        for (WebhookProperties.PlatformSubscriber subscriber : properties.platformSubscribers()) {
            if (subscriber.endpointId().equals(endpointId)) {
                return Optional.of(new WebhookTarget(endpointId, subscriber.url(), subscriber.secret()));
            }
        }
        return merchants.activeWebhookTarget(endpointId);
    }

    /** The wait varied by up to a fifth either way. */
    private static Duration jittered(Duration wait) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (wait.toMillis() * factor));
    }
}
