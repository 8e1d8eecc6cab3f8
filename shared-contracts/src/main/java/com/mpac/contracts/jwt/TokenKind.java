package com.mpac.contracts.jwt;

/**
 * The two kinds of access token svc-portal issues. Each kind has its own signing keys, its own {@code iss} and its
 * own authority, so a route can accept one kind and refuse the other.
 */
public enum TokenKind {

    /** Staff and admins, signed with the keys at {@code /api/v1/jwks/human}. */
    HUMAN(TokenKind.HUMAN_AUTHORITY, "urn:mpac:portal:human", "/api/v1/jwks/human"),

    /** Terminals ({@code sub} is the terminal id), signed with the keys at {@code /api/v1/jwks/device}. */
    DEVICE(TokenKind.DEVICE_AUTHORITY, "urn:mpac:portal:device", "/api/v1/jwks/device");

    /** Authority every human token carries; a constant so it can be used in annotations. */
    public static final String HUMAN_AUTHORITY = "TOKEN_HUMAN";

    /** Authority every device token carries; a constant so it can be used in annotations. */
    public static final String DEVICE_AUTHORITY = "TOKEN_DEVICE";

    private final String authority;
    private final String defaultIssuer;
    private final String jwksPath;

    TokenKind(String authority, String defaultIssuer, String jwksPath) {
        this.authority = authority;
        this.defaultIssuer = defaultIssuer;
        this.jwksPath = jwksPath;
    }

    public String authority() {
        return authority;
    }

    String defaultIssuer() {
        return defaultIssuer;
    }

    String jwksPath() {
        return jwksPath;
    }
}
