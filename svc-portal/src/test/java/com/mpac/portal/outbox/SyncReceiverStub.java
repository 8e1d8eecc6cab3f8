package com.mpac.portal.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.mpac.contracts.hmac.CanonicalRequest;
import com.mpac.contracts.hmac.HmacHeaders;
import com.mpac.contracts.hmac.HmacSignature;
import com.mpac.testsupport.TestPlatformKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver of {@code POST /v1/sync/merchants} for tests: checks each request's HMAC signature the way the platform's
 * verifier does (svc-portal's platform key, canonical request over the bytes received), records what arrived, and
 * answers 200, or a status a test asks for.
 */
final class SyncReceiverStub {

    /** One request as received. */
    record Received(String merchantId, long version, String name, boolean signatureValid, JsonNode body,
            int answeredStatus) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final int defaultStatus;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Merchants to fail: how many more requests for each get a 500. */
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** Merchant names (prefix) whose first request gets a 500. */
    private final Map<String, Boolean> failFirstByName = new ConcurrentHashMap<>();

    SyncReceiverStub(int defaultStatus) {
        this.defaultStatus = defaultStatus;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/v1/sync/merchants", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Received> receivedFor(String merchantId) {
        return received.stream().filter(r -> merchantId.equals(r.merchantId())).toList();
    }

    void failNext(String merchantId, int times) {
        failures.put(merchantId, new AtomicInteger(times));
    }

    void failFirstRequestOfMerchantsNamed(String name) {
        failFirstByName.put(name, true);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean valid = signatureValid(exchange, body);
        int status = defaultStatus;
        String merchantId = null;
        try {
            JsonNode json = JSON.readTree(body);
            merchantId = json.get("merchant_id").asString();
            String name = json.get("name").asString();
            AtomicInteger remaining = failures.get(merchantId);
            if (remaining != null && remaining.getAndDecrement() > 0) {
                status = 500;
            }
            if (failFirstByName.containsKey(name) && receivedFor(merchantId).isEmpty()) {
                status = 500;
            }
            if (!valid) {
                status = 401;
            }
            received.add(new Received(merchantId, json.get("version").asLong(), name, valid, json, status));
        }
        catch (RuntimeException ex) {
            status = 400;
        }
        byte[] answer = (status == 200 ? "{\"merchant_id\":\"" + merchantId + "\",\"outcome\":\"APPLIED\"}"
                : "{\"code\":\"stub\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static boolean signatureValid(HttpExchange exchange, byte[] body) {
        String keyId = exchange.getRequestHeaders().getFirst(HmacHeaders.KEY_ID);
        String timestamp = exchange.getRequestHeaders().getFirst(HmacHeaders.TIMESTAMP);
        String nonce = exchange.getRequestHeaders().getFirst(HmacHeaders.NONCE);
        String signature = exchange.getRequestHeaders().getFirst(HmacHeaders.SIGNATURE);
        if (!TestPlatformKeys.keyId("svc-portal").equals(keyId) || timestamp == null || nonce == null
                || signature == null) {
            return false;
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        String signingString = CanonicalRequest.signingString(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                Long.parseLong(timestamp), nonce, body);
        return age <= 300 && HmacSignature.matchesAny(signature, List.of(TestPlatformKeys.secret("svc-portal")),
                signingString);
    }

    void stop() {
        server.stop(0);
    }
}
