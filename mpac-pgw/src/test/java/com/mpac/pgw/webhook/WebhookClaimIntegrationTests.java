package com.mpac.pgw.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What two gateway instances on one database rely on: concurrent claims never hand the same delivery to both, and
 * a claim whose instance died lapses after its lease. The rows are due in the future, where this test looks and
 * the running dispatcher does not.
 */
@SpringBootTest
class WebhookClaimIntegrationTests {

    private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(3650));

    @Autowired
    WebhookRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldHandEachDueDeliveryToExactlyOneOfTwoConcurrentDispatchers() throws Exception {
        String marker = insertDueDeliveries(200);

        List<Callable<List<Long>>> dispatchers = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            dispatchers.add(() -> {
                List<Long> mine = new ArrayList<>();
                List<WebhookRepository.Delivery> batch;
                do {
                    batch = repository.claimDue(FUTURE, Duration.ofMinutes(5), 7);
                    mine(batch, marker).forEach(d -> mine.add(d.id()));
                }
                while (!batch.isEmpty());
                return mine;
            });
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Integer> perInstance = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<List<Long>> result : pool.invokeAll(dispatchers)) {
                claimed.addAll(result.get());
                perInstance.add(result.get().size());
            }
        }

        assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
        assertThat(perInstance).allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void shouldHandAClaimBackOnceItsLeaseHasLapsed() {
        String marker = insertDueDeliveries(3);

        List<WebhookRepository.Delivery> first = mine(repository.claimDue(FUTURE, Duration.ofSeconds(30), 50), marker);
        List<WebhookRepository.Delivery> whileHeld = mine(repository.claimDue(FUTURE, Duration.ofSeconds(30), 50),
                marker);
        List<WebhookRepository.Delivery> afterLease = mine(repository.claimDue(FUTURE.plusSeconds(31),
                Duration.ofSeconds(30), 50), marker);

        assertThat(first).hasSize(3);
        assertThat(whileHeld).isEmpty();
        assertThat(afterLease).extracting(WebhookRepository.Delivery::id)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(WebhookRepository.Delivery::id).toList());
    }

    private static List<WebhookRepository.Delivery> mine(List<WebhookRepository.Delivery> claimed, String marker) {
        return claimed.stream().filter(d -> d.endpointId().startsWith(marker)).toList();
    }

    /** Deliveries to endpoints named after a marker, due a day before the far-future "now" of this test. */
    private String insertDueDeliveries(int count) {
        String marker = "claim-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < count; i++) {
            String eventId = "evt_" + marker + i;
            jdbc.sql("INSERT INTO webhook_event (id, merchant_id, type, payload) VALUES (:id, 'm_claims', 't', '{}')")
                    .param("id", eventId).update();
            jdbc.sql("""
                    INSERT INTO webhook_delivery (event_id, endpoint_id, status, next_attempt_at)
                    VALUES (:eventId, :endpointId, 'pending', :due)
                    """)
                    .param("eventId", eventId).param("endpointId", marker + i)
                    .param("due", java.sql.Timestamp.from(FUTURE.minus(Duration.ofDays(1)))).update();
        }
        return marker;
    }
}
