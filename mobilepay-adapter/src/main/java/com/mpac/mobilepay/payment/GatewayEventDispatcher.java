package com.mpac.mobilepay.payment;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.webhook.GatewayEventOutbox;

/**
 * This rail's events to {@code mpac.pgw-url}/v1/webhooks/mobilepay, through the platform's {@link GatewayEventOutbox}
 * (at least once, claimed with SKIP LOCKED, backoff with jitter). Without
 * {@code mpac.mobilepay.gateway-events.secret} nothing is sent (the events wait in the outbox).
 */
@Component
class GatewayEventDispatcher {

    static final String PATH = "/v1/webhooks/mobilepay";

    private final GatewayEventOutbox outbox;

    GatewayEventDispatcher(JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${mpac.pgw-url}") String pgwUrl,
            @Value("${mpac.mobilepay.gateway-events.secret:}") String secret) {
        this.outbox = new GatewayEventOutbox(jdbc, tx, clock, pgwUrl + PATH, secret);
    }

    /** Writes an event in the caller's transaction. */
    void record(String id, String merchantId, String type, String payload) {
        outbox.record(id, merchantId, type, payload);
    }

    @Scheduled(fixedDelayString = "${mpac.mobilepay.gateway-events.poll-interval:1s}",
            initialDelayString = "${mpac.mobilepay.gateway-events.poll-interval:1s}")
    void deliverDue() {
        outbox.deliverDue();
    }
}
