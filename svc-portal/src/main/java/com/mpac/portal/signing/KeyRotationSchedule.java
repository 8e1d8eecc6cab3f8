package com.mpac.portal.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mpac.contracts.jwt.TokenKind;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;

/** Rotates each kind's key once it is older than the rotation interval; checked hourly. */
@Component
class KeyRotationSchedule {

    private final SigningKeys keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;

    KeyRotationSchedule(SigningKeys keys, AuditLog audit, Clock clock, SigningProperties properties) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.interval = properties.rotationInterval();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void rotateDueKeys() {
        for (TokenKind kind : TokenKind.values()) {
            keys.activeSince(kind)
                    .filter(since -> since.plus(interval).isBefore(Instant.now(clock)))
                    .ifPresent(since -> {
                        String kid = keys.rotate(kind);
                        audit.record(AuditEvent.of("signing_key.rotated", "schedule", kid));
                    });
        }
    }
}
