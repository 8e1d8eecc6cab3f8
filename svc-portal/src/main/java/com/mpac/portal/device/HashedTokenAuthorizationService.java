package com.mpac.portal.device;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import com.mpac.contracts.crypto.Sha256;

/**
 * The authorization server's record of each issued device token, kept by {@code JdbcOAuth2AuthorizationService}
 * with the token value replaced by its SHA-256: the table then holds no bearer credential a reader of the database
 * could use, and a token presented later can still be found by its hash.
 */
final class HashedTokenAuthorizationService implements OAuth2AuthorizationService {

    static final String HASH_PREFIX = "sha256:";

    private final OAuth2AuthorizationService delegate;

    HashedTokenAuthorizationService(OAuth2AuthorizationService delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        if (token == null || token.getToken().getTokenValue().startsWith(HASH_PREFIX)) {
            delegate.save(authorization);
            return;
        }
        OAuth2AccessToken issued = token.getToken();
        OAuth2AccessToken hashed = new OAuth2AccessToken(issued.getTokenType(), hash(issued.getTokenValue()),
                issued.getIssuedAt(), issued.getExpiresAt(), issued.getScopes());
        delegate.save(OAuth2Authorization.from(authorization)
                .token(hashed, metadata -> metadata.putAll(token.getMetadata()))
                .build());
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return delegate.findByToken(hash(token), tokenType);
    }

    static String hash(String tokenValue) {
        return HASH_PREFIX + Sha256.hex(tokenValue.getBytes(StandardCharsets.UTF_8));
    }
}
