package com.mpac.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConsoleTests {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldPadEveryNameToTheLongestWithoutColourOutsideATerminal() {
        ServiceConsole console = new ServiceConsole(out, false, List.of("mq-pay", "mobilepay-adapter"));

        console.line("mq-pay", "Started");
        console.info("ready");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "mq-pay            | Started\n" + "mpac              | ready\n");
    }

    @Test
    void shouldColourEachServiceDifferentlyOnATerminal() {
        ServiceConsole console = new ServiceConsole(out, true, List.of("svc-portal", "mq-pay"));

        assertThat(console.prefix("svc-portal")).isEqualTo("\u001b[36msvc-portal | \u001b[0m");
        assertThat(console.prefix("mq-pay")).isEqualTo("\u001b[33mmq-pay     | \u001b[0m");
    }
}
