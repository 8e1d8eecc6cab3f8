package com.mpac.smarttab.gateway;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.smarttab.config.SmartTabProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * mpac-pgw's S2S API as SmartTab uses it: signed with SmartTab's own platform key, acting for the merchant named in
 * {@code X-MPAC-On-Behalf-Of}, each POST under an Idempotency-Key derived from SmartTab's own ids so a repeated call
 * is one payment at the gateway. Holds no state; callers persist and decide.
 */
@Component
public class GatewayClient {

    static final String SERVICE = "svc-smarttab";
    static final String ON_BEHALF_OF = "X-MPAC-On-Behalf-Of";

    private final RestClient http;
    private final JsonMapper json;

    GatewayClient(PlatformKeys platformKeys, SmartTabProperties properties,
            JsonMapper json, Clock clock) {
        this.json = json;
        SmartTabProperties.Gateway gateway = properties.gateway();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(gateway.timeout()).build());
        requests.setReadTimeout(gateway.timeout());
        RestClient.Builder configured = RestClient.builder().baseUrl(gateway.url().toString()).requestFactory(requests);
        platformKeys.keyOf(SERVICE).ifPresent(key -> configured.requestInterceptor(new HmacSigner(key, clock)));
        this.http = configured.build();
    }

    /** Creates an automatic-capture intent for a SmartTab payment; the metadata names the payment. */
    public GatewayIntent create(String merchantId, String idempotencyKey, long amount, String currency,
            String storeId, @Nullable String terminalId, String paymentId, String billId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("capture_method", "automatic");
        body.put("merchant_reference", paymentId);
        body.put("description", "SmartTab bill " + billId);
        body.put("metadata", Map.of("source", "smarttab", "smarttab_payment_id", paymentId, "smarttab_bill_id",
                billId));
        body.put("store_id", storeId);
        if (terminalId != null) {
            body.put("terminal_id", terminalId);
        }
        return GatewayIntent.of(post(merchantId, "/v1/payment_intents", idempotencyKey, body));
    }

    public GatewayIntent confirm(String merchantId, String intentId, String idempotencyKey, String provider,
            String paymentMethod) {
        return GatewayIntent.of(post(merchantId, "/v1/payment_intents/" + intentId + "/confirm", idempotencyKey,
                Map.of("provider", provider, "payment_method", paymentMethod)));
    }

    public GatewayIntent get(String merchantId, String intentId) {
        return GatewayIntent.of(read(call(() -> http.get().uri("/v1/payment_intents/{id}", intentId)
                .header(ON_BEHALF_OF, merchantId).retrieve().body(String.class))));
    }

    /** A refund of {@code amount} minor units; answers the gateway's refund ({@code id}, {@code status}). */
    public GatewayRefund refund(String merchantId, String intentId, String idempotencyKey, long amount) {
        JsonNode refund = post(merchantId, "/v1/payment_intents/" + intentId + "/refund", idempotencyKey,
                Map.of("amount", amount, "reason", "requested_by_customer"));
        return new GatewayRefund(refund.path("id").asString(), refund.path("status").asString(),
                refund.path("amount").asLong(), null);
    }

    /** Cancels an intent not yet paid: a QR withdrawn, a confirm that never arrived given up. */
    public GatewayIntent cancel(String merchantId, String intentId, String idempotencyKey, String reason) {
        return GatewayIntent.of(post(merchantId, "/v1/payment_intents/" + intentId + "/cancel", idempotencyKey,
                Map.of("cancellation_reason", reason)));
    }

    /** The intent's refunds as the gateway's transaction log shows them, oldest first. */
    public List<GatewayRefund> refunds(String merchantId, String intentId) {
        JsonNode page = read(call(() -> http.get().uri("/v1/payment_intents/{id}/transactions", intentId)
                .header(ON_BEHALF_OF, merchantId).retrieve().body(String.class)));
        List<GatewayRefund> refunds = new ArrayList<>();
        page.path("data").forEach(node -> {
            if ("refund".equals(node.path("kind").asString()) && node.path("refund").isString()) {
                refunds.add(new GatewayRefund(node.path("refund").asString(), node.path("status").asString(),
                        node.path("amount").asLong(),
                        node.path("completed").isNumber() ? node.path("completed").asLong() : null));
            }
        });
        return refunds;
    }

    /** Every intent of the merchant at a store (and terminal) created in [from, to] (unix seconds), all pages. */
    public List<GatewayIntent> list(String merchantId, String storeId, @Nullable String terminalId, long from,
            long to) {
        List<GatewayIntent> all = new ArrayList<>();
        String after = null;
        while (true) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/v1/payment_intents")
                    .queryParam("limit", 100).queryParam("store_id", storeId)
                    .queryParam("created_gte", from).queryParam("created_lte", to);
            if (terminalId != null) {
                uri.queryParam("terminal_id", terminalId);
            }
            if (after != null) {
                uri.queryParam("starting_after", after);
            }
            String path = uri.build().encode().toUriString();
            JsonNode page = read(call(() -> http.get().uri(path)
                    .header(ON_BEHALF_OF, merchantId).retrieve().body(String.class)));
            page.path("data").forEach(node -> all.add(GatewayIntent.of(node)));
            if (!page.path("has_more").asBoolean() || all.isEmpty()) {
                return all;
            }
            after = all.getLast().id();
        }
    }

    /** A gateway refund; {@code completed} (unix seconds) is known only from the intent's transactions. */
    public record GatewayRefund(String id, String status, long amount, @Nullable Long completed) {
    }

    private JsonNode post(String merchantId, String path, String idempotencyKey, Map<String, Object> body) {
        String bytes = json.writeValueAsString(body);
        return read(call(() -> http.post().uri(path).header(ON_BEHALF_OF, merchantId)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).body(bytes)
                .retrieve().body(String.class)));
    }

    private JsonNode read(String body) {
        return json.readTree(body);
    }

    private String call(java.util.function.Supplier<String> request) {
        try {
            return request.get();
        }
        catch (RestClientResponseException ex) {
            String code = null;
            String message = ex.getStatusText();
            try {
                JsonNode problem = json.readTree(ex.getResponseBodyAsString());
                code = problem.path("code").isString() ? problem.path("code").asString() : null;
                message = problem.path("detail").isString() ? problem.path("detail").asString() : message;
            }
            catch (RuntimeException unreadable) {
                // Not a problem document: the status says enough.
            }
            throw new GatewayException(ex.getStatusCode().value(), code, message, ex);
        }
        catch (RuntimeException ex) {
            throw new GatewayException(0, null, "mpac-pgw did not answer: " + ex.getMessage(), ex);
        }
    }
}
