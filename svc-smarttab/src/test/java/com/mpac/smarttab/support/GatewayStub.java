package com.mpac.smarttab.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.mpac.contracts.hmac.CanonicalRequest;
import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSignature;
import com.mpac.contracts.id.Ids;
import com.mpac.contracts.webhook.StandardWebhook;
import com.mpac.testsupport.TestPlatformKeys;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small mpac-pgw over HTTP: PaymentIntents created, confirmed with the sandbox's payment methods, read, refunded
 * and listed. Every request must carry a valid S2S HMAC signature of svc-smarttab's platform key over the bytes
 * sent, an {@code X-MPAC-On-Behalf-Of} merchant, and an Idempotency-Key on POSTs; a request that does not is
 * answered 401/400 and counted in {@link #refusedRequests()}.
 */
public final class GatewayStub {

    public static final String WEBHOOK_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("smarttab-test-webhook-secret-32b".getBytes(StandardCharsets.UTF_8));

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<String> onBehalfOf = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;
    private final AtomicInteger confirmsToDrop = new AtomicInteger();
    private final Map<String, AtomicInteger> confirmsByKey = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> refunds = new ConcurrentHashMap<>();
    private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile int refundAnswer;
    private volatile String refundCode;

    public GatewayStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/payment_intents", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int refusedRequests() {
        return refused.get();
    }

    public int requests() {
        return requests.get();
    }

    public List<String> onBehalfOf() {
        return List.copyOf(onBehalfOf);
    }

    public JsonNode intent(String id) {
        return intents.get(id);
    }

    /** Every call answers {@code status} (e.g. 503) until reset with 0. */
    public void failWith(int status) {
        this.failWith = status;
    }

    /**
     * The next {@code count} confirms are lost: the connection closes without an answer and the gateway never saw
     * them (the intent stays {@code requires_payment_method}). {@link Integer#MAX_VALUE} loses every one.
     */
    public void dropConfirms(int count) {
        confirmsToDrop.set(count);
    }

    /** How many confirm requests arrived under {@code idempotencyKey} (dropped ones included). */
    public int confirms(String idempotencyKey) {
        AtomicInteger count = confirmsByKey.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    /**
     * Refunds answer {@code status} with problem {@code code} (0 for normal answers). With 409
     * {@code idempotency_key_in_flight} the refund is taken anyway and left {@code pending} at the gateway, as when
     * the first attempt still runs; with any other status nothing is refunded.
     */
    public void answerRefunds(int status, String code) {
        this.refundAnswer = status;
        this.refundCode = code;
    }

    /** The intent's refunds as the gateway holds them. */
    public List<ObjectNode> refunds(String intentId) {
        return List.copyOf(refunds.getOrDefault(intentId, List.of()));
    }

    /** A refund made at the gateway without SmartTab (e.g. by the merchant's back end), already succeeded. */
    public void addRefund(String intentId, String refundId, long amount) {
        refunds.computeIfAbsent(intentId, k -> new CopyOnWriteArrayList<>()).add(json.createObjectNode()
                .put("id", refundId).put("object", "refund").put("payment_intent", intentId).put("amount", amount)
                .put("status", "succeeded").put("completed", Instant.now().getEpochSecond()));
    }

    /** A pending refund completes at the provider (silently: no webhook is sent). */
    public synchronized ObjectNode completeRefund(String intentId, String refundId) {
        ObjectNode refund = refunds.get(intentId).stream().filter(r -> r.path("id").asString().equals(refundId))
                .findFirst().orElseThrow();
        refund.put("status", "succeeded").put("completed", Instant.now().getEpochSecond());
        ObjectNode intent = intents.get(intentId);
        intent.put("amount_refunded", intent.path("amount_refunded").asLong() + refund.path("amount").asLong());
        return refund;
    }

    /** Sends a {@code refund.*} event for one of the intent's refunds, signed with the platform secret. */
    public int sendRefundWebhook(String smarttabUrl, String type, String intentId, String refundId) {
        ObjectNode refund = refunds.get(intentId).stream().filter(r -> r.path("id").asString().equals(refundId))
                .findFirst().orElseThrow();
        return sendEvent(smarttabUrl, Ids.next("evt"), type, intents.get(intentId).path("merchant_id").asString(),
                refund.deepCopy(), WEBHOOK_SECRET);
    }

    /** The shopper scans and pays a QR intent, silently: no webhook is sent. */
    public synchronized ObjectNode pay(String intentId) {
        ObjectNode intent = intents.get(intentId);
        intent.put("status", "succeeded");
        intent.put("amount_received", intent.path("amount").asLong());
        intent.putNull("next_action");
        intent.put("updated", Instant.now().getEpochSecond());
        return intent;
    }

    /** An intent SmartTab never asked for (another payment at the same store), already captured. */
    public synchronized String captureForeign(String merchantId, String storeId, String terminalId, long amount,
            String currency) {
        ObjectNode intent = newIntent(merchantId, amount, currency, storeId, terminalId,
                Map.of("source", "smarttab", "smarttab_payment_id", "pay_unknown"));
        intent.put("status", "succeeded");
        intent.put("provider", "sandbox");
        intent.put("amount_received", amount);
        return intent.path("id").asString();
    }

    /** Sends {@code type} for the intent to SmartTab as pgw's dispatcher would, signed with {@code secret}. */
    public int sendWebhook(String smarttabUrl, String type, String intentId, String secret) {
        return sendWebhook(smarttabUrl, Ids.next("evt"), type, intentId, secret);
    }

    /** As above under a given {@code webhook-id}, as a redelivery of the same event carries. */
    public int sendWebhook(String smarttabUrl, String id, String type, String intentId, String secret) {
        return sendEvent(smarttabUrl, id, type, intents.get(intentId).path("merchant_id").asString(),
                intents.get(intentId).deepCopy(), secret);
    }

    private int sendEvent(String smarttabUrl, String id, String type, String merchantId, JsonNode object,
            String secret) {
        ObjectNode event = json.createObjectNode();
        event.put("id", id).put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond());
        event.put("merchant_id", merchantId);
        event.putObject("data").set("object", object);
        String body = json.writeValueAsString(event);
        long timestamp = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(smarttabUrl + "/webhooks/pgw"))
                    .header("Content-Type", "application/json").header(StandardWebhook.ID, id)
                    .header(StandardWebhook.TIMESTAMP, Long.toString(timestamp))
                    .header(StandardWebhook.SIGNATURE, StandardWebhook.sign(secret, id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        if (!signedBySmartTab(exchange, method, uri, body)) {
            refused.incrementAndGet();
            answer(exchange, 401, "{\"code\":\"unauthenticated\"}");
            return;
        }
        String merchant = exchange.getRequestHeaders().getFirst(HmacHeaders.ON_BEHALF_OF);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (merchant == null || (method.equals("POST") && key == null)) {
            refused.incrementAndGet();
            answer(exchange, 400, "{\"code\":\"validation_failed\"}");
            return;
        }
        onBehalfOf.add(merchant);
        if (failWith != 0) {
            answer(exchange, failWith, "{\"code\":\"service_unavailable\"}");
            return;
        }
        if (method.equals("POST") && uri.getPath().endsWith("/confirm")) {
            confirmsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (confirmsToDrop.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
                exchange.close();
                return;
            }
        }
        if (key != null && inFlight.contains(merchant + key)) {
            answer(exchange, 409, "{\"code\":\"idempotency_key_in_flight\"}");
            return;
        }
        if (key != null && replies.containsKey(merchant + key)) {
            answer(exchange, 200, replies.get(merchant + key));
            return;
        }
        String[] path = uri.getPath().split("/");
        String reply;
        int status = 200;
        synchronized (this) {
            if (method.equals("POST") && path.length == 3) {
                JsonNode request = json.readTree(body);
                Map<String, String> metadata = new java.util.LinkedHashMap<>();
                request.path("metadata").properties().forEach(f -> metadata.put(f.getKey(), f.getValue().asString()));
                reply = json.writeValueAsString(newIntent(merchant, request.path("amount").asLong(),
                        request.path("currency").asString(), request.path("store_id").asString(null),
                        request.path("terminal_id").asString(null), metadata));
            }
            else if (method.equals("GET") && path.length == 3) {
                reply = json.writeValueAsString(list(merchant, uri.getRawQuery()));
            }
            else {
                ObjectNode intent = intents.get(path[3]);
                if (intent == null || !intent.path("merchant_id").asString().equals(merchant)) {
                    answer(exchange, 404, "{\"code\":\"not_found\"}");
                    return;
                }
                if (method.equals("GET") && path.length == 5 && path[4].equals("transactions")) {
                    ObjectNode page = json.createObjectNode().put("object", "list").put("has_more", false);
                    var data = page.putArray("data");
                    for (ObjectNode refund : refunds.getOrDefault(path[3], List.of())) {
                        ObjectNode txn = data.addObject().put("id", "txn_" + refund.path("id").asString())
                                .put("kind", "refund")
                                .put("status", refund.path("status").asString())
                                .put("amount", refund.path("amount").asLong())
                                .put("refund", refund.path("id").asString());
                        if (refund.has("completed")) {
                            txn.put("completed", refund.path("completed").asLong());
                        }
                    }
                    reply = json.writeValueAsString(page);
                }
                else if (method.equals("GET")) {
                    reply = json.writeValueAsString(intent);
                }
                else if (path[4].equals("cancel")) {
                    String current = intent.path("status").asString();
                    if (current.equals("succeeded") || current.equals("canceled")) {
                        answer(exchange, 409, "{\"code\":\"payment_intent_unexpected_state\",\"status\":\""
                                + current + "\"}");
                        return;
                    }
                    intent.put("status", "canceled");
                    intent.put("cancellation_reason", json.readTree(body).path("cancellation_reason").asString());
                    intent.putNull("next_action");
                    reply = json.writeValueAsString(intent);
                }
                else if (path[4].equals("confirm")) {
                    JsonNode request = json.readTree(body);
                    String paymentMethod = request.path("payment_method").asString();
                    intent.put("provider", request.path("provider").asString());
                    intent.put("payment_method", paymentMethod);
                    switch (paymentMethod) {
                        case "pm_card_visa" -> {
                            intent.put("status", "succeeded");
                            intent.put("amount_received", intent.path("amount").asLong());
                        }
                        case "pm_qr" -> {
                            intent.put("status", "requires_action");
                            ObjectNode qr = intent.putObject("next_action").put("type", "display_qr_code")
                                    .putObject("display_qr_code");
                            qr.put("data", "00020101021226300012SANDBOX.MPAC0110" + path[3].substring(3, 13)
                                    + "5303392540" + intent.path("amount").asLong() + "5802JP6304ABCD");
                            qr.put("expires_at", Instant.now().plusSeconds(300).getEpochSecond());
                        }
                        case "pm_card_timeout" -> intent.put("status", "processing");
                        default -> {
                            intent.put("status", "requires_payment_method");
                            intent.putObject("last_payment_error").put("code", "card_declined")
                                    .put("message", "The card was declined.");
                            answer(exchange, 402, "{\"code\":\"provider_declined\",\"detail\":\"The card was "
                                    + "declined.\"}");
                            return;
                        }
                    }
                    reply = json.writeValueAsString(intent);
                }
                else if (path[4].equals("refund")) {
                    long amount = json.readTree(body).path("amount").asLong();
                    long left = intent.path("amount_received").asLong() - intent.path("amount_refunded").asLong();
                    if (amount > left) {
                        answer(exchange, 400, "{\"code\":\"amount_too_large\"}");
                        return;
                    }
                    boolean inFlight = refundAnswer == 409;
                    if (refundAnswer != 0 && !inFlight) {
                        answer(exchange, refundAnswer, "{\"code\":\"" + refundCode + "\"}");
                        return;
                    }
                    ObjectNode refund = json.createObjectNode().put("id", Ids.next("re")).put("object", "refund")
                            .put("payment_intent", path[3]).put("amount", amount)
                            .put("status", inFlight ? "pending" : "succeeded");
                    if (!inFlight) {
                        refund.put("completed", Instant.now().getEpochSecond());
                    }
                    refunds.computeIfAbsent(path[3], k -> new CopyOnWriteArrayList<>()).add(refund);
                    if (inFlight) {
                        this.inFlight.add(merchant + key);
                        answer(exchange, 409, "{\"code\":\"" + refundCode + "\"}");
                        return;
                    }
                    intent.put("amount_refunded", intent.path("amount_refunded").asLong() + amount);
                    reply = json.writeValueAsString(refund);
                }
                else {
                    status = 404;
                    reply = "{\"code\":\"not_found\"}";
                }
            }
        }
        if (key != null && status == 200) {
            replies.put(merchant + key, reply);
        }
        answer(exchange, status, reply);
    }

    private ObjectNode newIntent(String merchant, long amount, String currency, String storeId, String terminalId,
            Map<String, String> metadata) {
        ObjectNode intent = json.createObjectNode();
        String id = Ids.next("pi");
        long now = Instant.now().getEpochSecond();
        intent.put("id", id).put("object", "payment_intent").put("amount", amount).put("currency", currency)
                .put("status", "requires_payment_method").put("amount_received", 0).put("amount_refunded", 0)
                .put("merchant_id", merchant).put("store_id", storeId).put("terminal_id", terminalId)
                .putNull("provider").putNull("next_action").putNull("last_payment_error")
                .put("created", now).put("updated", now);
        ObjectNode meta = intent.putObject("metadata");
        metadata.forEach(meta::put);
        intents.put(id, intent);
        return intent;
    }

    private ObjectNode list(String merchant, String query) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        List<ObjectNode> matching = new ArrayList<>(intents.values().stream()
                .filter(i -> i.path("merchant_id").asString().equals(merchant))
                .filter(i -> !params.containsKey("store_id") || params.get("store_id").equals(i.path("store_id")
                        .asString(null)))
                .filter(i -> !params.containsKey("terminal_id") || params.get("terminal_id")
                        .equals(i.path("terminal_id").asString(null)))
                .filter(i -> !params.containsKey("created_gte")
                        || i.path("created").asLong() >= Long.parseLong(params.get("created_gte")))
                .filter(i -> !params.containsKey("created_lte")
                        || i.path("created").asLong() <= Long.parseLong(params.get("created_lte")))
                .sorted(Comparator.comparing((ObjectNode i) -> i.path("id").asString()))
                .toList());
        ObjectNode page = json.createObjectNode().put("object", "list").put("has_more", false);
        matching.forEach(page.putArray("data")::add);
        if (matching.isEmpty()) {
            page.putArray("data");
        }
        return page;
    }

    private static boolean signedBySmartTab(HttpExchange exchange, String method, URI uri, byte[] body) {
        var headers = exchange.getRequestHeaders();
        String keyId = headers.getFirst(HmacHeaders.KEY_ID);
        String timestamp = headers.getFirst(HmacHeaders.TIMESTAMP);
        String nonce = headers.getFirst(HmacHeaders.NONCE);
        String signature = headers.getFirst(HmacHeaders.SIGNATURE);
        if (!TestPlatformKeys.keyId("svc-smarttab").equals(keyId) || timestamp == null || nonce == null
                || signature == null) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false;
        }
        String expected = HmacSignature.sign(TestPlatformKeys.secret("svc-smarttab"),
                CanonicalRequest.signingString(method, uri.getRawPath(), uri.getRawQuery(), ts, nonce, body));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
