package com.mpac.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTests {

    @Test
    void shouldSeeAPortTakenByAListenerOnTheLoopbackAddress() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(PortCheck.isTaken(listener.getLocalPort())).isTrue();
        }
    }

    @Test
    void shouldSeeAPortFreeOnceItsListenerIsClosed() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            port = listener.getLocalPort();
        }

        assertThat(PortCheck.isTaken(port)).isFalse();
    }

    @Test
    void shouldNameTheOwnerOfATakenPort() throws IOException {
        try (ServerSocket listener = new ServerSocket(0)) {
            int port = listener.getLocalPort();
            Map<String, Integer> wanted = new LinkedHashMap<>();
            wanted.put("svc-portal (MPAC_PORTAL_PORT)", port);

            assertThatThrownBy(() -> PortCheck.requireFree(wanted))
                    .isInstanceOf(LauncherException.class)
                    .hasMessageStartingWith("port " + port + " for svc-portal (MPAC_PORTAL_PORT) is already in use");
        }
    }

    @Test
    void shouldRejectOnePortForTwoServices() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            port = listener.getLocalPort();
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("svc-portal (MPAC_PORTAL_PORT)", port);
        wanted.put("mq-pay (MPAC_MQPAY_PORT)", port);

        assertThatThrownBy(() -> PortCheck.requireFree(wanted))
                .hasMessageStartingWith("port " + port + " is configured for both svc-portal (MPAC_PORTAL_PORT) and "
                        + "mq-pay (MPAC_MQPAY_PORT)");
    }

    @Test
    void shouldAcceptFreePorts() throws IOException {
        int first;
        int second;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            first = a.getLocalPort();
            second = b.getLocalPort();
        }

        assertThatCode(() -> PortCheck.requireFree(Map.of("a", first, "b", second))).doesNotThrowAnyException();
    }
}
