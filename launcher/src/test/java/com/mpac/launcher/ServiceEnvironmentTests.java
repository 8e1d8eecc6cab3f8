package com.mpac.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTests {

    private final PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_SMARTTAB_PORT", "41002"),
            Path.of("/repo"));
    private final PlatformSecrets secrets = PlatformSecrets.generate(ServiceCatalog.SERVICES, new SecureRandom());
    private final PlatformService smartTab = ServiceCatalog.byName("svc-smarttab").orElseThrow();

    @Test
    void shouldGiveAServiceItsPortRoleAndTheSharedSecrets() {
        Map<String, String> env = ServiceEnvironment.forService(smartTab, settings, secrets,
                "jdbc:postgresql://localhost:54329/mpac");

        assertThat(env)
                .containsEntry("SERVER_PORT", "41002")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:54329/mpac")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "smarttab")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", secrets.dbPassword(smartTab))
                .containsEntry("SPRING_PROFILES_ACTIVE", "local")
                .containsEntry("MPAC_DB_POOL_SIZE", "4")
                .containsEntry("MPAC_PLATFORM_KEYS", secrets.platformKeysValue())
                .containsEntry("MPAC_MASTER_KEY", secrets.masterKey())
                .containsEntry("MPAC_ADMIN_EMAIL", "admin@mpac.local")
                .containsEntry("MPAC_ADMIN_PASSWORD", secrets.adminPassword())
                .containsEntry("MPAC_SANDBOX_ENABLED", "true");
    }

    @Test
    void shouldGiveTheMobilePayEventSecretToTheAdapterAndTheGatewayOnly() {
        for (PlatformService service : ServiceCatalog.SERVICES) {
            Map<String, String> env = ServiceEnvironment.forService(service, settings, secrets, "jdbc:x");
            if (service.name().equals("mobilepay-adapter") || service.name().equals("mpac-pgw")) {
                assertThat(env).as(service.name())
                        .containsEntry("MPAC_MOBILEPAY_WEBHOOK_SECRET", secrets.mobilePayWebhookSecret());
            }
            else {
                assertThat(env).as(service.name()).doesNotContainKey("MPAC_MOBILEPAY_WEBHOOK_SECRET");
            }
        }
        assertThat(secrets.mobilePayWebhookSecret()).startsWith("whsec_");
    }

    @Test
    void shouldGiveTheMqPayEventSecretToMqPayAndTheGatewayOnly() {
        for (PlatformService service : ServiceCatalog.SERVICES) {
            Map<String, String> env = ServiceEnvironment.forService(service, settings, secrets, "jdbc:x");
            if (service.name().equals("mq-pay") || service.name().equals("mpac-pgw")) {
                assertThat(env).as(service.name())
                        .containsEntry("MPAC_MQPAY_WEBHOOK_SECRET", secrets.mqPayWebhookSecret());
            }
            else {
                assertThat(env).as(service.name()).doesNotContainKey("MPAC_MQPAY_WEBHOOK_SECRET");
            }
        }
        assertThat(secrets.mqPayWebhookSecret()).startsWith("whsec_");
    }

    @Test
    void shouldGiveEveryServiceTheUrlOfEveryService() {
        Map<String, String> env = ServiceEnvironment.forService(ServiceCatalog.SERVICES.getFirst(), settings, secrets,
                "jdbc:postgresql://localhost:54329/mpac");

        assertThat(env).containsEntry("MPAC_PORTAL_URL", "http://localhost:8081")
                .containsEntry("MPAC_SMARTTAB_URL", "http://localhost:41002")
                .containsEntry("MPAC_PGW_URL", "http://localhost:8083")
                .containsEntry("MPAC_MIA_URL", "http://localhost:8084")
                .containsEntry("MPAC_MOBILEPAY_URL", "http://localhost:8085")
                .containsEntry("MPAC_MQPAY_URL", "http://localhost:8086")
                .containsEntry("MPAC_PAYREQ_URL", "http://localhost:8087");
    }

    @Test
    void shouldSubscribeSmartTabToTheGatewaysWebhooksWithOneSharedSecret() {
        PlatformService gateway = ServiceCatalog.byName("mpac-pgw").orElseThrow();

        Map<String, String> pgw = ServiceEnvironment.forService(gateway, settings, secrets, "jdbc:x");
        Map<String, String> smartTabEnv = ServiceEnvironment.forService(smartTab, settings, secrets, "jdbc:x");

        assertThat(secrets.smartTabWebhookSecret()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(pgw).containsEntry("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_NAME", "svc-smarttab")
                .containsEntry("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_URL", "http://localhost:41002/webhooks/pgw")
                .containsEntry("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_SECRET", secrets.smartTabWebhookSecret())
                .doesNotContainKey("MPAC_SMARTTAB_WEBHOOK_SECRET");
        assertThat(smartTabEnv).containsEntry("MPAC_SMARTTAB_WEBHOOK_SECRET", secrets.smartTabWebhookSecret())
                .doesNotContainKey("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_SECRET");
        assertThat(ServiceEnvironment.forService(ServiceCatalog.SERVICES.getFirst(), settings, secrets, "jdbc:x"))
                .doesNotContainValue(secrets.smartTabWebhookSecret());
    }

    @Test
    void shouldNotPassOtherRolesPasswordsOrTheAdminsCredentials() {
        Map<String, String> processEnv = new HashMap<>(Map.of("PATH", "/usr/bin", "MPAC_DB_PASSWORD_PORTAL", "x",
                "MPAC_DB_ADMIN_PASSWORD", "y", "MPAC_DB_URL", "jdbc:postgresql://db/postgres",
                "MPAC_DB_SUPERUSER_PASSWORD", "z", "SERVER_PORT", "1"));
        Map<String, String> own = ServiceEnvironment.forService(smartTab, settings, secrets, "jdbc:x");

        ServiceEnvironment.apply(processEnv, own);

        assertThat(processEnv).containsEntry("PATH", "/usr/bin").containsEntry("SERVER_PORT", "41002")
                .doesNotContainKeys("MPAC_DB_PASSWORD_PORTAL", "MPAC_DB_ADMIN_PASSWORD", "MPAC_DB_URL",
                        "MPAC_DB_SUPERUSER_PASSWORD");
        assertThat(processEnv.values()).doesNotContain(secrets.dbPassword(ServiceCatalog.SERVICES.getFirst()),
                secrets.dbSuperuserPassword());
    }
}
