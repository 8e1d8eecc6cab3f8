package com.mpac.portal.outbox;

/**
 * A service that receives merchant configurations at {@code POST /v1/sync/merchants}, and the setting that says
 * where it runs. All five have the route and are the default {@code mpac.portal.config-push.targets}.
 */
enum ConfigPushTarget {
    PGW("mpac.pgw-url"),
    MIA("mpac.mia-url"),
    MOBILEPAY("mpac.mobilepay-url"),
    MQPAY("mpac.mqpay-url"),
    PAYREQ("mpac.payreq-url");

    private final String baseUrlProperty;

    ConfigPushTarget(String baseUrlProperty) {
        this.baseUrlProperty = baseUrlProperty;
    }

    String baseUrlProperty() {
        return baseUrlProperty;
    }

    /** How the target is named in {@code config_delivery.target}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
