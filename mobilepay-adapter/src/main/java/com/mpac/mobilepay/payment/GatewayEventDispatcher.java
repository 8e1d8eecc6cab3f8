package com.mpac.mobilepay.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.mobilepay.payment.GatewayPaymentRepository.DueEvent;

/**
 * Delivers the gateway's events to {@code mpac.pgw-url}/v1/webhooks/mobilepay as Standard Webhooks, at least once:
 * rows are claimed for a lease with {@code FOR UPDATE SKIP LOCKED} (several instances share the work), sent outside
 * any database transaction, and retried with exponential backoff and jitter (1 s doubling, capped at an hour) until
 * the gateway answers 2xx. The {@code webhook-id} is the event's id on every retry, so the gateway deduplicates.
 * Without {@code mpac.mobilepay.gateway-events.secret} nothing is sent (the events wait in the outbox).
 */
@Component
class GatewayEventDispatcher {

    static final String PATH = "/v1/webhooks/mobilepay";
    private static final Logger log = LoggerFactory.getLogger(GatewayEventDispatcher.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 50;

    private final GatewayPaymentRepository events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String url;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    GatewayEventDispatcher(GatewayPaymentRepository events, TransactionTemplate tx, Clock clock,
            @Value("${mpac.pgw-url}") String pgwUrl,
            @Value("${mpac.mobilepay.gateway-events.secret:}") String secret) {
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.url = pgwUrl + PATH;
        this.secret = secret;
    }

    @Scheduled(fixedDelayString = "${mpac.mobilepay.gateway-events.poll-interval:1s}",
            initialDelayString = "${mpac.mobilepay.gateway-events.poll-interval:1s}")
    void deliverDue() {
        if (secret.isBlank()) {
            return;
        }
        List<DueEvent> due = tx.execute(status -> events.claimDueEvents(clock.instant(), LEASE, BATCH));
        for (DueEvent event : due) {
            deliver(event);
        }
    }

    private void deliver(DueEvent event) {
        long timestamp = clock.instant().getEpochSecond();
        int status = 0;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(StandardWebhook.ID, event.id())
                    .header(StandardWebhook.TIMESTAMP, Long.toString(timestamp))
                    .header(StandardWebhook.SIGNATURE, StandardWebhook.sign(secret, event.id(), timestamp,
                            event.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                events.markDelivered(event.id(), status, clock.instant());
                return;
            }
            error = "HTTP " + status;
        }
        catch (IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant next = clock.instant().plus(backoff(event.attempts()));
        log.warn("Event {} to mpac-pgw not delivered ({}); retrying at {}", event.id(), error, next);
        events.markFailed(event.id(), status, error, next);
    }

    /** 1 s, 2 s, 4 s ... capped at an hour, with up to 20 % jitter so retries of many events spread out. */
    static Duration backoff(int attemptsBefore) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attemptsBefore, 20));
        long jitterMillis = ThreadLocalRandom.current().nextLong(seconds * 200 + 1);
        return Duration.ofSeconds(seconds).plusMillis(jitterMillis);
    }
}
