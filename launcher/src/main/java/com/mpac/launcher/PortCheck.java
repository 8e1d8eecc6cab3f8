package com.mpac.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds ports that are taken before anything starts, so a clash is one clear line instead of a service dying
 * half-way through the start with a bind exception in its log.
 */
final class PortCheck {

    private PortCheck() {
    }

    /**
     * True when something listens on {@code port} on any local address. Binding the wildcard address collides with
     * a listener on any specific address too, which is how Tomcat and PostgreSQL will bind.
     */
    static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers that will bind it: a port with connections in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    /**
     * Fails when two owners want the same port or a port is taken.
     *
     * @param wanted each port's owner description (e.g. {@code svc-portal (MPAC_PORTAL_PORT)}) by port, in order
     */
    static void requireFree(Map<String, Integer> wanted) {
        Map<Integer, String> owners = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        wanted.forEach((owner, port) -> {
            String previous = owners.putIfAbsent(port, owner);
            if (previous != null) {
                problems.add("port " + port + " is configured for both " + previous + " and " + owner);
            }
        });
        owners.forEach((port, owner) -> {
            if (isTaken(port)) {
                problems.add("port " + port + " for " + owner + " is already in use (stop what listens there, "
                        + "or choose another port with the variable named)");
            }
        });
        if (!problems.isEmpty()) {
            throw new LauncherException(String.join("; ", problems));
        }
    }
}
