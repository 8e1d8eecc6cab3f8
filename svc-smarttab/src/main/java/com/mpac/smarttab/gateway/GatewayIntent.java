package com.mpac.smarttab.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** What SmartTab reads of an mpac-pgw PaymentIntent: amounts in minor units, the gateway's status words. */
public record GatewayIntent(String id, String merchantId, String status, long amount, String currency,
        long amountReceived, long amountRefunded, @Nullable String provider, @Nullable String qrData,
        @Nullable Long qrExpiresAt, @Nullable String errorCode, @Nullable String errorMessage,
        Map<String, String> metadata, long created) {

    public static GatewayIntent of(JsonNode node) {
        JsonNode qr = node.path("next_action").path("display_qr_code");
        JsonNode error = node.path("last_payment_error");
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata").properties().forEach(field -> metadata.put(field.getKey(), field.getValue().asString()));
        return new GatewayIntent(node.path("id").asString(), text(node, "merchant_id"), node.path("status").asString(),
                node.path("amount").asLong(), node.path("currency").asString(), node.path("amount_received").asLong(),
                node.path("amount_refunded").asLong(), text(node, "provider"), text(qr, "data"),
                qr.path("expires_at").isNumber() ? qr.path("expires_at").asLong() : null, text(error, "code"),
                text(error, "message"), Map.copyOf(metadata), node.path("created").asLong());
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    /** Declined or withdrawn: the shopper's money did not move. */
    public boolean failed() {
        return "canceled".equals(status) || ("requires_payment_method".equals(status) && errorCode != null);
    }

    /** The confirm never reached the provider (or never arrived): nothing can have moved yet. */
    public boolean unconfirmed() {
        return "requires_confirmation".equals(status) || ("requires_payment_method".equals(status) && errorCode == null);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
