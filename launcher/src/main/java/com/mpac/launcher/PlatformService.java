package com.mpac.launcher;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One deployable service: its module directory (which is also its {@code spring.application.name}), its database
 * schema (which is also its role) and its default HTTP port.
 */
record PlatformService(String name, String schema, int defaultPort) {

    /** The short upper-case name used in environment variables, e.g. {@code PORTAL} in {@code MPAC_PORTAL_URL}. */
    String key() {
        return schema.toUpperCase(Locale.ROOT);
    }

    String portVariable() {
        return "MPAC_" + key() + "_PORT";
    }

    String urlVariable() {
        return "MPAC_" + key() + "_URL";
    }

    String dbPasswordVariable() {
        return "MPAC_DB_PASSWORD_" + key();
    }

    /** Where {@code ./mvnw package} leaves the service's executable jar (each module sets {@code finalName}). */
    Path jar(Path repoDir) {
        return repoDir.resolve(name).resolve("target").resolve(name + ".jar");
    }
}
