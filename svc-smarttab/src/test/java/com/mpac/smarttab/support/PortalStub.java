package com.mpac.smarttab.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for svc-portal: publishes a human and a device key set (test EC keys) and mints access tokens shaped like
 * the portal's (RFC 9068 {@code at+jwt}, audience svc-smarttab), so tests call SmartTab as terminals and staff do.
 */
public final class PortalStub {

    private final HttpServer server;
    private final ECKey humanKey = key("human-test");
    private final ECKey deviceKey = key("device-test");

    public PortalStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        serve("/api/v1/jwks/human", new JWKSet(humanKey).toPublicJWKSet().toString());
        serve("/api/v1/jwks/device", new JWKSet(deviceKey).toPublicJWKSet().toString());
        server.start();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** A terminal's token: {@code sub} the terminal, scoped to its merchant and store. */
    public String device(String terminalId, String merchantId, String storeId) {
        return device(terminalId, merchantId, storeId, "psp_1");
    }

    /** As above, for a merchant under PSP {@code pspId}. */
    public String device(String terminalId, String merchantId, String storeId, String pspId) {
        return sign(deviceKey, claims("urn:mpac:portal:device", terminalId).claim("client_id", terminalId)
                .claim("psp_id", pspId).claim("merchant_id", merchantId).claim("store_id", storeId)
                .claim("scope", "pos"));
    }

    /** A staff token with {@code role}; merchant and store may be null (platform and PSP admins). */
    public String human(String role, String merchantId, String storeId) {
        return human(role, merchantId, storeId, "psp_1");
    }

    /** As above, under PSP {@code pspId}. */
    public String human(String role, String merchantId, String storeId, String pspId) {
        JWTClaimsSet.Builder claims = claims("urn:mpac:portal:human", "usr_" + role.toLowerCase())
                .claim("client_id", "portal-web").claim("roles", List.of(role)).claim("psp_id", pspId)
                .claim("amr", List.of("pwd"));
        if (merchantId != null) {
            claims.claim("merchant_id", merchantId);
        }
        if (storeId != null) {
            claims.claim("store_id", storeId);
        }
        return sign(humanKey, claims);
    }

    /** A device token signed with the human key set's key: must be refused. */
    public String deviceSignedWithHumanKey(String terminalId, String merchantId, String storeId) {
        return sign(humanKey, claims("urn:mpac:portal:device", terminalId).claim("client_id", terminalId)
                .claim("merchant_id", merchantId).claim("store_id", storeId).claim("scope", "pos"));
    }

    private static JWTClaimsSet.Builder claims(String issuer, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(List.of("svc-smarttab"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(ECKey key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void serve(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
