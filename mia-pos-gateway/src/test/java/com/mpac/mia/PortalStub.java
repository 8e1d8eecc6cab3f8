package com.mpac.mia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for svc-portal's credential check ({@code POST /api/v1/s2s/credentials/verify}): answers like the real
 * route for the store users registered here, refuses unsigned calls (no X-MPAC-* headers) with 401.
 */
public final class PortalStub {

    public static final String PASSWORD = "Correct-horse-1";

    record User(String userId, String email, String storeId, String merchantId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, User> USERS = new ConcurrentHashMap<>();
    private static final AtomicInteger UNSIGNED = new AtomicInteger();
    private static final Map<String, String> CLIENT_ADDRESSES = new ConcurrentHashMap<>();
    private static HttpServer server;

    private PortalStub() {
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            server.createContext("/api/v1/s2s/credentials/verify", PortalStub::verify);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static void register(String userId, String email, String storeId, String merchantId) {
        USERS.put(email, new User(userId, email, storeId, merchantId));
    }

    /** The {@code clientAddress} of the last signed check for this email ("" when the call carried none). */
    public static String clientAddressOf(String email) {
        return CLIENT_ADDRESSES.get(email);
    }

    public static int unsignedCalls() {
        return UNSIGNED.get();
    }

    private static void verify(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (headers.getFirst("X-MPAC-Key-Id") == null || headers.getFirst("X-MPAC-Signature") == null
                || headers.getFirst("X-MPAC-Timestamp") == null || headers.getFirst("X-MPAC-Nonce") == null
                || !headers.getFirst("X-MPAC-Key-Id").equals("mpk_mia_test0000000000")) {
            UNSIGNED.incrementAndGet();
            answer(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        CLIENT_ADDRESSES.put(body.path("email").asString(""), body.path("clientAddress").asString(""));
        User user = USERS.get(body.path("email").asString(""));
        String storeId = body.path("storeId").asString(null);
        if (user == null || !PASSWORD.equals(body.path("password").asString(""))
                || (storeId != null && !storeId.equals(user.storeId()))) {
            answer(exchange, 401, "{\"type\":\"about:blank\",\"code\":\"invalid_credentials\"}");
            return;
        }
        answer(exchange, 200, JSON.writeValueAsString(Map.of("userId", user.userId(), "email", user.email(),
                "storeId", user.storeId(), "merchantId", user.merchantId(), "pspId", "psp_1",
                "roles", java.util.List.of("CASHIER"))));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
