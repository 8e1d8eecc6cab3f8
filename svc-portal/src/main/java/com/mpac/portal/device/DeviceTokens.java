package com.mpac.portal.device;

/** What other features need to know about the device token endpoint. */
public final class DeviceTokens {

    /** The OAuth2 token endpoint terminals call with their client credentials. */
    public static final String TOKEN_ENDPOINT = "/api/v1/auth/device/token";

    /** The one scope a terminal holds; every device token carries it. */
    public static final String SCOPE = "pos";

    private DeviceTokens() {
    }
}
