package com.mpac.portal.session;

/**
 * What a completed login or a refresh answers: an access token (a JWT of {@code expiresIn} seconds) and the refresh
 * token that obtains the next pair. Field names as OAuth 2.0 clients expect them, in the portal API's camelCase.
 */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    public static TokenPair bearer(String accessToken, long expiresIn, String refreshToken) {
        return new TokenPair(accessToken, "Bearer", expiresIn, refreshToken);
    }
}
