package com.mpac.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherTests {

    @Test
    void shouldTakeTheRepositoryFromMpacHome() {
        assertThat(Launcher.repoDir(Map.of("MPAC_HOME", "/work/repo/"))).isEqualTo(Path.of("/work/repo"));
    }

    @Test
    void shouldAnswerAnUnknownCommandWithUsage() {
        assertThat(Launcher.run(new String[] {"start"}, Map.of())).isEqualTo(2);
    }

    @Test
    void shouldLeaveDetachingToTheScript() {
        assertThatThrownBy(() -> Launcher.run(new String[] {"up", "-d"}, Map.of()))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("./mpac up -d");
    }
}
