package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

/** Two instances' expiry sweeps racing over the same due attempts, with this instance's own scheduler off. */
@TestPropertySource(properties = "mpac.mqpay.expiry-sweep-enabled=false")
class ExpirySweepIntegrationTests extends MqPayIntegrationTest {

    @Autowired
    PaymentRepository attempts;

    @Autowired
    ApplicationContext context;

    @Test
    void shouldExpireEachDueAttemptExactlyOnceWhenTwoInstancesSweepTogether() throws Exception {
        assertThat(context.getBeansOfType(AttemptExpiryJob.class)).isEmpty();
        Merchant merchant = api().onboard();
        Set<UUID> due = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            due.add(UUID.fromString(api().checkoutQr(merchant, MqPayApi.newSource(), 1000 + i).at("/attempt/id")
                    .stringValue()));
        }
        // Due two days ahead, swept as of then: test contexts cached with their scheduler on sweep on the real
        // clock (QR attempts live at most 24 h), so only the two sweepers below can take these rows.
        Instant sweepAt = Instant.now().plus(Duration.ofDays(2));
        jdbc.sql("UPDATE payment_attempt SET expires_at = :at WHERE merchant_id = :id")
                .param("at", Timestamp.from(sweepAt.minusSeconds(60))).param("id", merchant.id()).update();
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<UUID>> instance = () -> {
            start.await();
            List<UUID> expired = new ArrayList<>();
            for (List<UUID> batch = attempts.expireDue(sweepAt, 4); !batch.isEmpty();
                    batch = attempts.expireDue(sweepAt, 4)) {
                expired.addAll(batch);
            }
            return expired;
        };

        List<UUID> first;
        List<UUID> second;
        try (var pool = Executors.newFixedThreadPool(2)) {
            var one = pool.submit(instance);
            var other = pool.submit(instance);
            start.countDown();
            first = one.get();
            second = other.get();
        }

        List<UUID> sweptOfMerchant = new ArrayList<>(first);
        sweptOfMerchant.addAll(second);
        sweptOfMerchant.retainAll(due);
        assertThat(sweptOfMerchant).hasSize(30).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempt WHERE merchant_id = :id AND status = '501_EXPIRED'")
                .param("id", merchant.id()).query(Long.class).single()).isEqualTo(30);
        assertThat(attempts.expireDue(sweepAt, 4)).isEmpty();
    }
}
