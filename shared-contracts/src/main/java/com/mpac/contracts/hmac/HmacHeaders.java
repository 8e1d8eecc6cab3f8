package com.mpac.contracts.hmac;

/** The request headers of the S2S HMAC {@code v1} scheme (PLATFORM.md, "Identity and trust"). */
public final class HmacHeaders {

    public static final String KEY_ID = "X-MPAC-Key-Id";
    public static final String TIMESTAMP = "X-MPAC-Timestamp";
    public static final String NONCE = "X-MPAC-Nonce";
    public static final String SIGNATURE = "X-MPAC-Signature";
    public static final String ON_BEHALF_OF = "X-MPAC-On-Behalf-Of";

    private HmacHeaders() {
    }
}
