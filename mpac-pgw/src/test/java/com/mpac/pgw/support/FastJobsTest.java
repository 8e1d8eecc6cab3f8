package com.mpac.pgw.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A booted gateway whose background jobs (webhook dispatch, reconciliation, capture expiry) run on a test's time
 * scale: milliseconds instead of seconds and days. One set of settings, so the test classes share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mpac.sandbox-enabled=true",
        "mpac.pgw.webhooks.poll-interval=100ms",
        "mpac.pgw.webhooks.retry-schedule=200ms,200ms,200ms",
        "mpac.pgw.reconciliation.first-delay=500ms",
        "mpac.pgw.reconciliation.poll-interval=100ms",
        "mpac.pgw.action-check-delay=60s",
        "mpac.pgw.capture-hold=3s",
        "mpac.pgw.capture-expiry-interval=200ms",
        "mpac.pgw.providers.read-timeout=1s",
        "mpac.pgw.public-url=http://127.0.0.1:${local.server.port}" })
public @interface FastJobsTest {
}
