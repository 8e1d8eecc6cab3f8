package com.mpac.portal.session;

import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mpac.portal.throttle.Throttle;

/**
 * Deletes what login leaves behind once it can no longer matter: ended sessions, and throttle buckets idle for longer
 * than any window (their counts would restart anyway).
 */
@Component
class SessionJanitor {

    private final Sessions sessions;
    private final Throttle throttle;

    SessionJanitor(Sessions sessions, Throttle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        sessions.purgeEnded();
        throttle.purgeIdle(Duration.ofHours(1));
    }
}
