package com.mpac.contracts.jwt;

import java.net.URI;

import org.springframework.util.Assert;

/**
 * One kind of token a service accepts, fully resolved: the exact {@code iss}, where its keys are published, and the
 * audience this service answers to.
 */
public record TrustedIssuer(TokenKind kind, String issuer, URI jwksUri, String audience) {

    public TrustedIssuer {
        Assert.notNull(kind, "kind must not be null");
        Assert.hasText(issuer, "issuer must not be empty");
        Assert.notNull(jwksUri, "jwksUri must not be null");
        Assert.hasText(audience, "audience must not be empty");
    }
}
