package com.mpac.contracts.jwt;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.jspecify.annotations.Nullable;

/** Mints access tokens shaped like svc-portal's (RFC 9068), signed with test keys. */
final class PortalTokens {

    static final String AUDIENCE = "svc-smarttab";
    static final String HUMAN_ISSUER = "urn:mpac:portal:human";
    static final String DEVICE_ISSUER = "urn:mpac:portal:device";
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private PortalTokens() {
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A store manager of merchant m_1 in store s_1 under PSP psp_1, valid for ten minutes. */
    static JWTClaimsSet.Builder human() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(HUMAN_ISSUER)
                .subject("usr_42")
                .audience(List.of(AUDIENCE, "svc-portal"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", "portal-web")
                .claim("roles", List.of("STORE_MANAGER", "CASHIER"))
                .claim("psp_id", "psp_1")
                .claim("merchant_id", "m_1")
                .claim("store_id", "s_1")
                .claim("amr", List.of("pwd"));
    }

    /** Terminal trm_7 of store s_1, with two scopes. */
    static JWTClaimsSet.Builder device() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(DEVICE_ISSUER)
                .subject("trm_7")
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", "trm_7")
                .claim("psp_id", "psp_1")
                .claim("merchant_id", "m_1")
                .claim("store_id", "s_1")
                .claim("scope", "orders:write bills:read");
    }

    static String sign(JWK key, JWTClaimsSet.Builder claims) {
        return sign(key, AT_JWT, claims);
    }

    static String sign(JWK key, @Nullable JOSEObjectType type, JWTClaimsSet.Builder claims) {
        try {
            JWSSigner signer = (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            JWSAlgorithm algorithm = (key instanceof RSAKey) ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            JWSHeader header = new JWSHeader.Builder(algorithm).type(type).keyID(key.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
