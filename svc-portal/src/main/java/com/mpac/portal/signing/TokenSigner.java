package com.mpac.portal.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import com.mpac.contracts.jwt.TokenKind;

/** Signs access tokens (RFC 9068: {@code typ: at+jwt}) with the active key of their kind. */
@Component
public class TokenSigner {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;

    TokenSigner(SigningKeys keys) {
        this.keys = keys;
    }

    public String sign(TokenKind kind, JWTClaimsSet claims) {
        ECKey key = keys.activeKey(kind);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign a token", ex);
        }
        return jwt.serialize();
    }
}
