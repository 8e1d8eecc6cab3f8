package com.mpac.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchRecordTests {

    @TempDir
    Path dataDir;

    @Test
    void shouldGiveStatusThePortsTheLauncherWasStartedWith() {
        PlatformSettings started = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString(),
                "MPAC_PORTAL_PORT", "42001", "MPAC_DB_PORT", "42000"), Path.of("/repo"));
        LaunchRecord.of(started, "jdbc:postgresql://localhost:42000/mpac").write(dataDir);
        PlatformSettings statusShell = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString()),
                Path.of("/repo"));

        LaunchRecord record = LaunchRecord.read(dataDir, statusShell);

        assertThat(record.ports()).containsEntry("svc-portal", 42001).containsEntry("payment-request", 8087)
                .hasSize(7);
        assertThat(record.databasePort()).isEqualTo(42000);
        assertThat(record.databaseUrl()).isEqualTo("jdbc:postgresql://localhost:42000/mpac");
    }

    @Test
    void shouldFallBackToTheSettingsWhenNothingWasRecorded() {
        PlatformSettings settings = PlatformSettings.from(Map.of("MPAC_DATA_DIR", dataDir.toString()),
                Path.of("/repo"));

        LaunchRecord record = LaunchRecord.read(dataDir, settings);

        assertThat(record.ports()).containsEntry("svc-portal", 8081);
        assertThat(record.databasePort()).isEqualTo(54329);
    }
}
