package com.mpac.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ports and database a launcher was started with, kept in {@code launcher.properties} so that
 * {@code ./mpac status} run from another shell (without the {@code MPAC_*_PORT} variables) asks the right ports.
 */
record LaunchRecord(Map<String, Integer> ports, String databaseUrl, Integer databasePort) {

    static final String FILE = "launcher.properties";

    static LaunchRecord of(PlatformSettings settings, String databaseUrl) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        settings.ports().forEach((service, port) -> ports.put(service.name(), port));
        Integer dbPort = settings.database() instanceof PlatformSettings.EmbeddedDatabase db ? db.port() : null;
        return new LaunchRecord(ports, databaseUrl, dbPort);
    }

    void write(Path dataDir) {
        Properties properties = new Properties();
        ports.forEach((name, port) -> properties.setProperty("port." + name, port.toString()));
        properties.setProperty("database.url", databaseUrl);
        if (databasePort != null) {
            properties.setProperty("database.port", databasePort.toString());
        }
        try (Writer writer = Files.newBufferedWriter(dataDir.resolve(FILE))) {
            properties.store(writer, "written by the launcher at start, read by ./mpac status");
        }
        catch (IOException ex) {
            System.err.println("mpac: cannot write " + dataDir.resolve(FILE) + ": " + ex.getMessage());
        }
    }

    /** What the last launcher on this data folder recorded, or what the settings say when nothing was. */
    static LaunchRecord read(Path dataDir, PlatformSettings fallback) {
        Path file = dataDir.resolve(FILE);
        LaunchRecord defaults = of(fallback, "");
        if (!Files.exists(file)) {
            return defaults;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            Map<String, Integer> ports = new LinkedHashMap<>();
            defaults.ports().forEach((name, port) -> ports.put(name,
                    Integer.parseInt(properties.getProperty("port." + name, port.toString()))));
            String dbPort = properties.getProperty("database.port");
            return new LaunchRecord(ports, properties.getProperty("database.url", ""),
                    dbPort == null ? null : Integer.valueOf(dbPort));
        }
        catch (IOException | NumberFormatException ex) {
            return defaults;
        }
    }
}
