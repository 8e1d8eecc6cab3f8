package com.mpac.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The environment each service process gets. Secrets travel only this way, never on a command line, where any
 * user of the machine could read them with {@code ps}.
 */
final class ServiceEnvironment {

    static final int DB_POOL_SIZE = 4;

    /**
     * Inherited variables no service may see: the database admin's credentials, and every role's password (present
     * when a developer sourced platform.env into the shell), so each service knows only its own role's password.
     */
    static final Predicate<String> WITHHELD = name -> name.startsWith("MPAC_DB_PASSWORD_")
            || name.startsWith("MPAC_DB_ADMIN_") || name.equals("MPAC_DB_URL")
            || name.equals(PlatformSecrets.DB_SUPERUSER_PASSWORD);

    /** The sender and the receiver of mq-pay's events; no other service can forge or read them. */
    static final java.util.Set<String> SHARES_MQPAY_WEBHOOK_SECRET = java.util.Set.of("mq-pay", "mpac-pgw");
    /** The sender and the receiver of mobilepay-adapter's events. */
    static final java.util.Set<String> SHARES_MOBILEPAY_WEBHOOK_SECRET = java.util.Set.of("mobilepay-adapter",
            "mpac-pgw");

    private ServiceEnvironment() {
    }

    /** What the launcher sets for {@code service}, in a stable order. */
    static Map<String, String> forService(PlatformService service, PlatformSettings settings,
            PlatformSecrets secrets, String jdbcUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(settings.port(service)));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", service.schema());
        env.put("SPRING_DATASOURCE_PASSWORD", secrets.dbPassword(service));
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("MPAC_DB_POOL_SIZE", Integer.toString(DB_POOL_SIZE));
        env.put(PlatformSecrets.PLATFORM_KEYS, secrets.platformKeysValue());
        env.put(PlatformSecrets.MASTER_KEY, secrets.masterKey());
        env.put(PlatformSecrets.ADMIN_EMAIL, secrets.adminEmail());
        env.put(PlatformSecrets.ADMIN_PASSWORD, secrets.adminPassword());
        env.put("MPAC_SANDBOX_ENABLED", "true");
        if (SHARES_MQPAY_WEBHOOK_SECRET.contains(service.name())) {
            env.put(PlatformSecrets.MQPAY_WEBHOOK_SECRET, secrets.mqPayWebhookSecret());
        }
        if (SHARES_MOBILEPAY_WEBHOOK_SECRET.contains(service.name())) {
            env.put(PlatformSecrets.MOBILEPAY_WEBHOOK_SECRET, secrets.mobilePayWebhookSecret());
        }
        for (PlatformService other : settings.services()) {
            env.put(other.urlVariable(), settings.baseUrl(other));
        }
        smartTabSubscription(service, settings, secrets, env);
        return env;
    }

    /**
     * svc-smarttab follows its card and QR payments through the gateway's webhooks: mpac-pgw gets it as a platform
     * subscriber (its webhook route and a shared {@code whsec_} secret), SmartTab the same secret to verify them.
     */
    private static void smartTabSubscription(PlatformService service, PlatformSettings settings,
            PlatformSecrets secrets, Map<String, String> env) {
        String secret = secrets.smartTabWebhookSecret();
        if (secret == null) {
            return;
        }
        if (service.name().equals("svc-smarttab")) {
            env.put(PlatformSecrets.SMARTTAB_WEBHOOK_SECRET, secret);
        }
        if (service.name().equals("mpac-pgw")) {
            settings.services().stream().filter(other -> other.name().equals("svc-smarttab")).findFirst()
                    .ifPresent(smartTab -> {
                        env.put("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_NAME", "svc-smarttab");
                        env.put("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_URL",
                                settings.baseUrl(smartTab) + "/webhooks/pgw");
                        env.put("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_SECRET", secret);
                    });
        }
    }

    /** Applies {@code own} to a process environment that starts as a copy of the launcher's. */
    static void apply(Map<String, String> processEnvironment, Map<String, String> own) {
        processEnvironment.keySet().removeIf(WITHHELD);
        processEnvironment.putAll(own);
    }
}
