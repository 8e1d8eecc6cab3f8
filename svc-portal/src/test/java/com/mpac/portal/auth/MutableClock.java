package com.mpac.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The portal's clock in tests: the system clock until a test freezes or advances it. Keep frozen times within a few
 * seconds of the real time when tokens are issued, because verifiers check their timestamps against the real clock.
 */
public final class MutableClock extends Clock {

    private volatile Instant frozen;
    private volatile Duration offset = Duration.ZERO;

    public void freezeAt(Instant instant) {
        this.frozen = instant;
    }

    public void advance(Duration duration) {
        if (frozen != null) {
            frozen = frozen.plus(duration);
        }
        else {
            offset = offset.plus(duration);
        }
    }

    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant at = frozen;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
