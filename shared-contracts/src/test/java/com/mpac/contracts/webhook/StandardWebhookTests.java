package com.mpac.contracts.webhook;

import java.net.http.HttpHeaders;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class StandardWebhookTests {

    private static final String SECRET = StandardWebhook.newSecret(new SecureRandom());
    private static final String BODY = "{\"type\":\"payment_intent.succeeded\",\"amount\":1500}";

    @Test
    void shouldSignSoTheReferenceLibraryVerifies() {
        long now = Instant.now().getEpochSecond();
        String signature = StandardWebhook.sign(SECRET, "evt_1", now, BODY);

        HttpHeaders headers = HttpHeaders.of(Map.of(StandardWebhook.ID, List.of("evt_1"),
                StandardWebhook.TIMESTAMP, List.of(Long.toString(now)), StandardWebhook.SIGNATURE, List.of(signature)),
                (a, b) -> true);
        assertThatNoException().isThrownBy(() -> new Webhook(SECRET).verify(BODY, headers));
    }

    @Test
    void shouldVerifyWhatTheReferenceLibrarySigns() throws Exception {
        Instant now = Instant.now();
        String signature = new Webhook(SECRET).sign("evt_2", now.getEpochSecond(), BODY);

        assertThat(StandardWebhook.verify(List.of("whsec_" + "AAAA", SECRET), "evt_2",
                Long.toString(now.getEpochSecond()), "v1,bm9wZQ== " + signature, BODY, now, Duration.ofMinutes(5)))
                .isTrue();
    }

    @Test
    void shouldRejectATamperedBodyAnotherIdAStaleTimestampOrGarbage() {
        Instant now = Instant.now();
        String ts = Long.toString(now.getEpochSecond());
        String signature = StandardWebhook.sign(SECRET, "evt_3", now.getEpochSecond(), BODY);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", ts, signature, BODY + " ", now, tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_4", ts, signature, BODY, now, tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", ts, signature, BODY, now.plusSeconds(301),
                tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", "soon", signature, BODY, now, tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", ts, "v1,%%%", BODY, now, tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", ts, null, BODY, now, tolerance)).isFalse();
        assertThat(StandardWebhook.verify(List.of(SECRET), "evt_3", ts, signature, BODY, now, tolerance)).isTrue();
    }
}
