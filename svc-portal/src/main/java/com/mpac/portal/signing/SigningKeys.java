package com.mpac.portal.signing;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.jwt.TokenKind;

/**
 * The portal's signing keys (ES256, P-256), one active per token kind, in {@code signing_key}. Rotation retires the
 * active key and creates a new one in one transaction; the retired key stays published for as long as a token it
 * signed can live, so verifiers never meet a token they cannot check.
 */
@Component
public class SigningKeys {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Duration publishAfterRetirement;

    SigningKeys(JdbcClient jdbc, SecretCipher cipher, SigningProperties properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.publishAfterRetirement = properties.publishAfterRetirement();
    }

    /** The key that signs new tokens of this kind, created on first use. */
    public ECKey activeKey(TokenKind kind) {
        return findActive(kind).orElseGet(() -> {
            insertIfNoneActive(kind);
            return findActive(kind).orElseThrow();
        });
    }

    /** Retires the active key of this kind (if any) and activates a new one; answers the new key's id. */
    @Transactional
    public String rotate(TokenKind kind) {
        // Concurrent rotations of one kind take turns, or the second would break the one-active-key index.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:lock))").param("lock", "signing_key:" + kind.name())
                .query().singleRow();
        jdbc.sql("""
                UPDATE signing_key SET status = 'RETIRED', retired_at = now(),
                    publish_until = now() + make_interval(secs => :publish)
                WHERE kind = :kind AND status = 'ACTIVE'
                """)
                .param("kind", kind.name()).param("publish", publishAfterRetirement.toSeconds())
                .update();
        return insert(kind);
    }

    /** The public keys verifiers need: the active key and retired keys still within their publication time. */
    public JWKSet published(TokenKind kind) {
        List<JWK> keys = jdbc.sql("""
                SELECT public_jwk FROM signing_key
                WHERE kind = :kind AND (status = 'ACTIVE' OR publish_until > now())
                ORDER BY created_at DESC
                """)
                .param("kind", kind.name())
                .query((rs, n) -> parse(rs.getString(1)))
                .list();
        return new JWKSet(keys);
    }

    /** The published keys as a key source, for verifying the portal's own tokens without HTTP. */
    public JWKSource<SecurityContext> keySource(TokenKind kind) {
        return (selector, context) -> selector.select(published(kind));
    }

    /** When the active key of this kind was created, for scheduled rotation. */
    java.util.Optional<java.time.Instant> activeSince(TokenKind kind) {
        return jdbc.sql("SELECT created_at FROM signing_key WHERE kind = :kind AND status = 'ACTIVE'")
                .param("kind", kind.name()).query(java.time.Instant.class).optional();
    }

    private java.util.Optional<ECKey> findActive(TokenKind kind) {
        return jdbc.sql("SELECT kid, private_jwk FROM signing_key WHERE kind = :kind AND status = 'ACTIVE'")
                .param("kind", kind.name())
                .query((rs, n) -> (ECKey) parse(cipher.decrypt(rs.getString("private_jwk"), context(rs.getString("kid")))))
                .optional();
    }

    private void insertIfNoneActive(TokenKind kind) {
        // Two instances starting together may both try; the partial unique index lets one win.
        ECKey key = generate(kind);
        jdbc.sql("""
                INSERT INTO signing_key (kid, kind, public_jwk, private_jwk, status)
                VALUES (:kid, :kind, :publicJwk, :privateJwk, 'ACTIVE')
                ON CONFLICT (kind) WHERE status = 'ACTIVE' DO NOTHING
                """)
                .param("kid", key.getKeyID()).param("kind", kind.name())
                .param("publicJwk", key.toPublicJWK().toJSONString())
                .param("privateJwk", cipher.encrypt(key.toJSONString(), context(key.getKeyID())))
                .update();
    }

    private String insert(TokenKind kind) {
        ECKey key = generate(kind);
        jdbc.sql("""
                INSERT INTO signing_key (kid, kind, public_jwk, private_jwk, status)
                VALUES (:kid, :kind, :publicJwk, :privateJwk, 'ACTIVE')
                """)
                .param("kid", key.getKeyID()).param("kind", kind.name())
                .param("publicJwk", key.toPublicJWK().toJSONString())
                .param("privateJwk", cipher.encrypt(key.toJSONString(), context(key.getKeyID())))
                .update();
        return key.getKeyID();
    }

    private static ECKey generate(TokenKind kind) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate a P-256 key", ex);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("A stored signing key does not parse", ex);
        }
    }

    private static String context(String kid) {
        return "signing_key:" + kid;
    }
}
