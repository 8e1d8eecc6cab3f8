package com.mpac.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReadySummaryTests {

    @TempDir
    Path dataDir;

    @Test
    void shouldListEveryServiceTheAdminLoginTheKeysAndTheTimings() {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString(),
                "MPAC_MQPAY_PORT", "41006", "MPAC_DB_URL", "jdbc:postgresql://db:5432/postgres"), Path.of("/repo"));
        PlatformSecrets secrets = PlatformSecrets.generate(ServiceCatalog.SERVICES, new SecureRandom());
        PlatformDatabase database = PlatformDatabase.start(settings, secrets, dataDir.resolve("postgres.log"));
        ReadySummary summary = new ReadySummary(Duration.ofMillis(17_420), Duration.ofMillis(640), Duration.ZERO,
                Duration.ofMillis(14_950));

        String text = summary.render(settings, secrets, database);

        assertThat(text).contains("MPAC platform ready in 17.4 s (PostgreSQL 0.6 s, services 15.0 s)")
                .contains("mq-pay             http://localhost:41006  http://localhost:41006/actuator/health  "
                        + "http://localhost:41006/v3/api-docs")
                .contains("admin@mpac.local  password: " + secrets.adminPassword())
                .contains("svc-portal         " + secrets.platformKey(ServiceCatalog.SERVICES.getFirst()).keyId())
                .contains(secrets.platformKey(ServiceCatalog.SERVICES.getLast()).secret())
                .contains(settings.secretsFile().toString())
                .contains("jdbc:postgresql://db:5432/mpac")
                .doesNotContain("AOT cache training");
    }

    @Test
    void shouldMentionTrainingOnlyWhenItHappened() {
        ReadySummary summary = new ReadySummary(Duration.ofSeconds(97), Duration.ofSeconds(2), Duration.ofSeconds(80),
                Duration.ofSeconds(15));
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString(),
                "MPAC_DB_URL", "jdbc:postgresql://db/postgres"), Path.of("/repo"));
        PlatformSecrets secrets = PlatformSecrets.generate(ServiceCatalog.SERVICES, new SecureRandom());

        String text = summary.render(settings, secrets, PlatformDatabase.start(settings, secrets, dataDir));

        assertThat(text).contains("ready in 97.0 s (PostgreSQL 2.0 s, AOT cache training 80.0 s (once per build), "
                + "services 15.0 s)");
    }
}
