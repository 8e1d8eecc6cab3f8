package com.mpac.portal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.testsupport.TestPlatformKeys;

class ConfigPushBackoffTests {

    private final ConfigPushDispatcher dispatcher = new ConfigPushDispatcher(null,
            new ConfigPushProperties(List.of(ConfigPushTarget.PGW), Duration.ofSeconds(1), 20, Duration.ofSeconds(60),
                    Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(72), Duration.ofSeconds(5),
                    Duration.ofSeconds(10)),
            null, PlatformKeys.parse(TestPlatformKeys.setting()), Clock.systemUTC());

    @Test
    void shouldDoubleTheDelayPerAttemptWithJitterUpToTheCap() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long ceiling = Math.min(1000L << (attempt - 1), 3_600_000L);
            Duration delay = dispatcher.backoff(attempt);

            assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
        }
        assertThat(dispatcher.backoff(500).toMillis()).isBetween(1_800_000L, 3_600_000L);
    }
}
