package com.mpac.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ServiceCatalogTests {

    private static final Path REPO = Path.of("/repo");

    @Test
    void shouldListTheSevenServicesWithTheirPortsAndSchemas() {
        assertThat(ServiceCatalog.SERVICES).extracting(PlatformService::name, PlatformService::defaultPort,
                PlatformService::schema).containsExactly(
                        tuple("svc-portal", 8081, "portal"),
                        tuple("svc-smarttab", 8082, "smarttab"),
                        tuple("mpac-pgw", 8083, "pgw"),
                        tuple("mia-pos-gateway", 8084, "mia"),
                        tuple("mobilepay-adapter", 8085, "mobilepay"),
                        tuple("mq-pay", 8086, "mqpay"),
                        tuple("payment-request", 8087, "payreq"));
    }

    @Test
    void shouldNameEachServicesVariablesAndJar() {
        PlatformService mobilePay = ServiceCatalog.byName("mobilepay-adapter").orElseThrow();

        assertThat(mobilePay.portVariable()).isEqualTo("MPAC_MOBILEPAY_PORT");
        assertThat(mobilePay.urlVariable()).isEqualTo("MPAC_MOBILEPAY_URL");
        assertThat(mobilePay.dbPasswordVariable()).isEqualTo("MPAC_DB_PASSWORD_MOBILEPAY");
        assertThat(mobilePay.jar(REPO)).isEqualTo(Path.of("/repo/mobilepay-adapter/target/mobilepay-adapter.jar"));
    }

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        PlatformSettings settings = PlatformSettings.from(Map.of(), REPO);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/repo/.mpac"));
        assertThat(settings.aotDir()).isEqualTo(Path.of("/repo/.mpac/aot"));
        assertThat(settings.ports().values()).containsExactly(8081, 8082, 8083, 8084, 8085, 8086, 8087);
        assertThat(settings.database()).isEqualTo(new PlatformSettings.EmbeddedDatabase(54329));
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.aotRequested()).isTrue();
        assertThat(settings.secretsFile()).isEqualTo(Path.of("/repo/.mpac/platform.env"));
        assertThat(settings.logFile(ServiceCatalog.SERVICES.get(1))).isEqualTo(
                Path.of("/repo/.mpac/logs/svc-smarttab.log"));
    }

    @Test
    void shouldTakePortsFoldersAndTimeoutFromTheEnvironment() {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", "/tmp/e2e", "MPAC_DB_PORT", "40000",
                "MPAC_PGW_PORT", "40003", "MPAC_PAYREQ_PORT", " 40007 ", "MPAC_READY_TIMEOUT", "45", "MPAC_AOT", "off"),
                REPO);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/e2e"));
        assertThat(settings.aotDir()).isEqualTo(Path.of("/tmp/e2e/aot"));
        assertThat(settings.ports().values()).containsExactly(8081, 8082, 40003, 8084, 8085, 8086, 40007);
        assertThat(settings.baseUrl(ServiceCatalog.SERVICES.get(2))).isEqualTo("http://localhost:40003");
        assertThat(settings.database()).isEqualTo(new PlatformSettings.EmbeddedDatabase(40000));
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.aotRequested()).isFalse();
    }

    @Test
    void shouldUseAnExistingServerWhenADatabaseUrlIsGiven() {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DB_URL",
                "jdbc:postgresql://db.local:5432/postgres?sslmode=disable", "MPAC_DB_ADMIN_PASSWORD", "pw"), REPO);

        assertThat(settings.database()).isEqualTo(new PlatformSettings.ExternalDatabase(
                "jdbc:postgresql://db.local:5432/postgres?sslmode=disable", "postgres", "pw"));
        assertThat(settings.database().toString()).doesNotContain("pw]");
    }

    @Test
    void shouldRejectAPortThatIsNotOne() {
        assertThatThrownBy(() -> PlatformSettings.from(Map.of("MPAC_PORTAL_PORT", "80a"), REPO))
                .isInstanceOf(LauncherException.class)
                .hasMessage("MPAC_PORTAL_PORT must be a port number (1-65535), not '80a'");
        assertThatThrownBy(() -> PlatformSettings.from(Map.of("MPAC_DB_PORT", "70000"), REPO))
                .hasMessageStartingWith("MPAC_DB_PORT must be a port number");
    }

    @Test
    void shouldPointTheServicesAtDatabaseMpacOnTheSameServer() {
        assertThat(PlatformDatabase.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=require", "mpac"))
                .isEqualTo("jdbc:postgresql://db:5432/mpac?sslmode=require");
        assertThat(PlatformDatabase.withDatabase("jdbc:postgresql://h1:5432,h2:5433/", "mpac"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/mpac");
        assertThat(PlatformDatabase.withDatabase("jdbc:postgresql://localhost", "mpac"))
                .isEqualTo("jdbc:postgresql://localhost/mpac");
        assertThatThrownBy(() -> PlatformDatabase.withDatabase("jdbc:mysql://localhost/x", "mpac"))
                .isInstanceOf(LauncherException.class).hasMessageContaining("PostgreSQL JDBC URL");
    }
}
