package com.mpac.contracts.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Stands in for svc-portal's JWKS endpoints and counts how often each is fetched. */
final class PortalJwksStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<TokenKind, JWKSet> keys = new EnumMap<>(TokenKind.class);
    private final Map<TokenKind, AtomicInteger> hits = new EnumMap<>(TokenKind.class);
    private volatile int status = 200;

    PortalJwksStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (TokenKind kind : TokenKind.values()) {
            keys.put(kind, new JWKSet());
            hits.put(kind, new AtomicInteger());
            server.createContext(kind.jwksPath(), exchange -> answer(kind, exchange));
        }
        server.start();
    }

    /** Publishes the public halves of {@code jwks} for {@code kind}, replacing what was published. */
    synchronized PortalJwksStub publish(TokenKind kind, JWK... jwks) {
        keys.put(kind, new JWKSet(List.of(jwks)).toPublicJWKSet());
        return this;
    }

    /** Makes every endpoint answer {@code status} (e.g. 503 for a portal outage). */
    void answerWith(int status) {
        this.status = status;
    }

    int hits(TokenKind kind) {
        return hits.get(kind).get();
    }

    URI jwksUri(TokenKind kind) {
        return URI.create(baseUrl() + kind.jwksPath());
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    void reset() {
        hits.values().forEach(count -> count.set(0));
        keys.replaceAll((kind, set) -> new JWKSet());
        status = 200;
    }

    private void answer(TokenKind kind, HttpExchange exchange) throws IOException {
        hits.get(kind).incrementAndGet();
        byte[] body;
        synchronized (this) {
            body = keys.get(kind).toString().getBytes(StandardCharsets.UTF_8);
        }
        int answer = status;
        if (answer != 200) {
            body = new byte[0];
        }
        exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(answer, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
