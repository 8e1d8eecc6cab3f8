package com.mpac.pgw.merchant;

import java.util.List;

/** A merchant endpoint and the event types it asked for ({@code *} or {@code payment_intent.*} match many). */
public record WebhookSubscription(String endpointId, List<String> events) {

    public boolean wants(String eventType) {
        return events.isEmpty() || events.stream().anyMatch(pattern -> pattern.equals("*")
                || pattern.equals(eventType)
                || pattern.endsWith(".*") && eventType.startsWith(pattern.substring(0, pattern.length() - 1)));
    }
}
