package com.mpac.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class PlatformSecretsTests {

    private static final List<PlatformService> SERVICES = ServiceCatalog.SERVICES;

    @TempDir
    Path dir;

    @Test
    void shouldGenerateEverySecretInItsDocumentedFormat() {
        PlatformSecrets secrets = PlatformSecrets.generate(SERVICES, new SecureRandom());

        assertThat(secrets.platformKeys()).extracting(PlatformSecrets.PlatformKey::service)
                .containsExactly("svc-portal", "svc-smarttab", "mpac-pgw", "mia-pos-gateway", "mobilepay-adapter",
                        "mq-pay", "payment-request");
        for (PlatformService service : SERVICES) {
            PlatformSecrets.PlatformKey key = secrets.platformKey(service);
            assertThat(key.keyId()).matches("mpk_" + service.schema() + "_[0-9a-f]{16}");
            assertThat(key.secrets()).singleElement().asString().matches("mps_[A-Za-z0-9_-]{43}");
            assertThat(secrets.dbPassword(service)).matches("[A-Za-z0-9_-]{32}");
        }
        assertThat(Base64.getDecoder().decode(secrets.masterKey())).hasSize(32);
        assertThat(secrets.mqPayWebhookSecret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secrets.mqPayWebhookSecret().substring("whsec_".length()))).hasSize(32);
        assertThat(secrets.mobilePayWebhookSecret()).startsWith("whsec_").isNotEqualTo(secrets.mqPayWebhookSecret());
        assertThat(Base64.getDecoder().decode(secrets.mobilePayWebhookSecret().substring("whsec_".length())))
                .hasSize(32);
        assertThat(secrets.adminEmail()).isEqualTo("admin@mpac.local");
        assertThat(secrets.adminPassword()).hasSize(20).matches(".*[A-Z].*").matches(".*[a-z].*")
                .matches(".*[0-9].*").matches(".*[_.].*").matches("[A-Za-z0-9_.]{20}");
        assertThat(secrets.platformKeysValue()).isEqualTo(String.join(",",
                secrets.platformKeys().stream().map(key -> key.service() + ":" + key.keyId() + ":" + key.secret())
                        .toList()));
    }

    @Test
    void shouldGenerateDifferentSecretsEachTime() {
        PlatformSecrets first = PlatformSecrets.generate(SERVICES, new SecureRandom());
        PlatformSecrets second = PlatformSecrets.generate(SERVICES, new SecureRandom());

        assertThat(first.masterKey()).isNotEqualTo(second.masterKey());
        assertThat(first.adminPassword()).isNotEqualTo(second.adminPassword());
        assertThat(first.platformKey(SERVICES.getFirst()).secret())
                .isNotEqualTo(second.platformKey(SERVICES.getFirst()).secret());
    }

    @Test
    void shouldWriteAnOwnerOnlyFileOnFirstStartAndReuseItAfterwards() throws IOException {
        Path file = dir.resolve("platform.env");

        PlatformSecrets created = PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());
        String written = Files.readString(file);
        PlatformSecrets reused = PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(reused.platformKeysValue()).isEqualTo(created.platformKeysValue());
        assertThat(reused.masterKey()).isEqualTo(created.masterKey());
        assertThat(reused.adminPassword()).isEqualTo(created.adminPassword());
        assertThat(reused.dbPassword(SERVICES.get(2))).isEqualTo(created.dbPassword(SERVICES.get(2)));
        assertThat(written).contains("MPAC_PLATFORM_KEYS='svc-portal:mpk_portal_")
                .contains("MPAC_MASTER_KEY='" + created.masterKey() + "'")
                .contains("MPAC_ADMIN_EMAIL='admin@mpac.local'")
                .contains("MPAC_DB_PASSWORD_PAYREQ='" + created.dbPassword(SERVICES.get(6)) + "'");
    }

    @Test
    void shouldTightenTheModeOfAnExistingFile() throws IOException {
        Path file = dir.resolve("platform.env");
        PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldKeepExistingEntriesAndAddOnlyWhatIsMissing() throws IOException {
        Path file = dir.resolve("platform.env");
        Files.writeString(file, """
                # hand-edited
                export MPAC_MASTER_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
                MPAC_PLATFORM_KEYS='svc-portal:mpk_portal_0123456789abcdef:mps_old|mps_new'
                MPAC_ADMIN_PASSWORD="Secret_1234567890abc"
                """);

        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());

        assertThat(secrets.masterKey()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThat(secrets.adminPassword()).isEqualTo("Secret_1234567890abc");
        PlatformSecrets.PlatformKey portal = secrets.platformKey(SERVICES.getFirst());
        assertThat(portal.keyId()).isEqualTo("mpk_portal_0123456789abcdef");
        assertThat(portal.secrets()).containsExactly("mps_old", "mps_new");
        assertThat(secrets.platformKeys()).hasSize(7);
        assertThat(secrets.platformKeysValue()).startsWith("svc-portal:mpk_portal_0123456789abcdef:mps_old|mps_new,"
                + "svc-smarttab:mpk_smarttab_");
        assertThat(PlatformSecrets.parse(Files.readString(file)))
                .containsEntry("MPAC_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .containsEntry("MPAC_PLATFORM_KEYS", secrets.platformKeysValue())
                .containsKeys("MPAC_DB_PASSWORD_PORTAL", "MPAC_DB_SUPERUSER_PASSWORD")
                .containsEntry("MPAC_MQPAY_WEBHOOK_SECRET", secrets.mqPayWebhookSecret())
                .containsEntry("MPAC_MOBILEPAY_WEBHOOK_SECRET", secrets.mobilePayWebhookSecret());
    }

    @Test
    void shouldReadTheQuotingAShellWould() {
        Map<String, String> values = PlatformSecrets.parse("""
                # comment

                export A='it'\\''s'
                B="double \\" quoted"
                C=plain
                D=''
                """);

        assertThat(values).containsExactly(Map.entry("A", "it's"), Map.entry("B", "double \" quoted"),
                Map.entry("C", "plain"), Map.entry("D", ""));
    }

    @Test
    void shouldBeSourceableByAShell() throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        assumeThat(Files.isExecutable(bash)).as("bash available").isTrue();
        Path file = dir.resolve("platform.env");
        Files.writeString(file, "MPAC_PLATFORM_KEYS='svc-portal:mpk_portal_0123456789abcdef:mps_a|mps_b'\n");
        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom());

        Process shell = new ProcessBuilder(bash.toString(), "-c",
                "set -a; . \"$0\"; printf '%s\\n%s\\n%s' \"$MPAC_PLATFORM_KEYS\" \"$MPAC_MASTER_KEY\" "
                        + "\"$MPAC_ADMIN_PASSWORD\"", file.toString()).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor()).isZero();
        assertThat(output).isEqualTo(secrets.platformKeysValue() + "\n" + secrets.masterKey() + "\n"
                + secrets.adminPassword());
    }

    @Test
    void shouldRejectAMalformedPlatformKeyEntry() throws IOException {
        Path file = dir.resolve("platform.env");
        Files.writeString(file, "MPAC_PLATFORM_KEYS=svc-portal:mpk_portal_x\n");

        assertThatThrownBy(() -> PlatformSecrets.loadOrCreate(file, SERVICES, new SecureRandom()))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("service:keyId:secret");
    }

    @Test
    void shouldRejectALineThatIsNotAnAssignment() {
        assertThatThrownBy(() -> PlatformSecrets.parse("MPAC_MASTER_KEY abc"))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("expected KEY=value");
    }
}
