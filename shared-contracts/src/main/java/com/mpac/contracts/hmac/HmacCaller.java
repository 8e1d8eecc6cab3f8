package com.mpac.contracts.hmac;

/**
 * Who signed an S2S request: a platform service (by its service name) or a merchant back end (by merchant id).
 */
public record HmacCaller(Kind kind, String id, String keyId) {

    public enum Kind {
        PLATFORM, MERCHANT
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }
}
