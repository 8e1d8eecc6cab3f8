package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** Unanswered payments expire in the background, once, however many sweepers run. */
class ExpiryIntegrationTests extends MobilePayIntegrationTest {

    @Autowired
    PaymentService payments;

    @Test
    void shouldExpireAnUnansweredPaymentButNotAReservedOne() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String unanswered = api().start(m, "o-late", "10").get("paymentId").asString();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));
        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/issue"));
        PosMerchant other = api().onboardWithPos();
        String reserved = api().reservedPayment(other, "o-res", "10");

        // The shopper's time (10 minutes by default) has run out for both.
        jdbc.sql("UPDATE payment SET expires_at = now() - interval '1 second' WHERE payment_id IN (:ids)")
                .param("ids", List.of(unanswered, reserved)).update();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api().status(m, unanswered)).isEqualTo("ExpiredAndCancelled"));
        assertThat(api().status(other.merchant(), reserved)).isEqualTo("Reserved");
        // The PoS is free again.
        assertThat(api().start(m, "o-next", "10").get("status").asString()).isEqualTo("Paired");
    }

    @Test
    void shouldGiveTheShopperTenMinutesByDefault() {
        PosMerchant pm = api().onboardWithPos();
        String paymentId = api().start(pm.merchant(), "o-t", "1").get("paymentId").asString();

        long seconds = jdbc.sql("SELECT extract(epoch FROM expires_at - created_at)::bigint FROM payment "
                + "WHERE payment_id = :p").param("p", paymentId).query(Long.class).single();

        assertThat(seconds).isEqualTo(600);
    }

    @Test
    void shouldExpireEachPaymentOnceWhenSweepersRace() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PosMerchant pm = api().onboardWithPos();
            ids.add(api().start(pm.merchant(), "o-" + i, "1").get("paymentId").asString());
        }
        jdbc.sql("UPDATE payment SET expires_at = now() - interval '1 second' WHERE payment_id IN (:ids)")
                .param("ids", ids).update();

        int expired = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweeps.add(pool.submit((Callable<Integer>) () -> payments.expireDue(3)));
            }
            for (Future<Integer> sweep : sweeps) {
                expired += sweep.get();
            }
        }
        // The scheduled job may take some too; together every payment expires exactly once.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM payment WHERE payment_id IN (:ids) AND state = 'ExpiredAndCancelled'")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(8));
        assertThat(expired).isLessThanOrEqualTo(8);
    }
}
