package com.mpac.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a developer needs once the platform is up: where each service answers, how to log in, the S2S keys to sign
 * requests with, and where the secrets, database and logs are.
 *
 * @param total    from the launcher's start to the last service ready
 * @param database starting (and provisioning) PostgreSQL
 * @param training AOT cache training, {@link Duration#ZERO} when none was needed
 * @param services from starting the services to the last one ready
 */
record ReadySummary(Duration total, Duration database, Duration training, Duration services) {

    static final String FIRST_LINE = "MPAC platform ready";

    String render(PlatformSettings settings, PlatformSecrets secrets, PlatformDatabase database) {
        StringBuilder text = new StringBuilder("\n").append(FIRST_LINE).append(" in ").append(seconds(total))
                .append(" (PostgreSQL ").append(seconds(this.database));
        if (!training.isZero()) {
            text.append(", AOT cache training ").append(seconds(training)).append(" (once per build)");
        }
        text.append(", services ").append(seconds(services)).append(")\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "URL", "HEALTH", "OPENAPI"});
        for (PlatformService service : settings.services()) {
            String url = settings.baseUrl(service);
            rows.add(new String[] {service.name(), url, url + ReadinessProbe.HEALTH_PATH, url + "/v3/api-docs"});
        }
        table(text, rows, "");

        text.append("\nLocal admin     ").append(secrets.adminEmail()).append("  password: ")
                .append(secrets.adminPassword()).append('\n');
        text.append("S2S keys        (X-MPAC-Key-Id, HMAC secret)\n");
        List<String[]> keys = new ArrayList<>();
        for (PlatformService service : settings.services()) {
            PlatformSecrets.PlatformKey key = secrets.platformKey(service);
            keys.add(new String[] {service.name(), key.keyId(), key.secret()});
        }
        table(text, keys, "                ");
        text.append("Secrets file    ").append(settings.secretsFile())
                .append("  (load with: set -a; . ").append(settings.secretsFile()).append("; set +a)\n");
        text.append("Database        ").append(database.serviceJdbcUrl()).append("  (").append(database.description())
                .append("; each service logs in as the role named like its schema)\n");
        text.append("Logs            ").append(settings.logsDir()).append("/<service>.log\n");
        text.append("Stop with Ctrl-C, or ./mpac down when started with ./mpac up -d\n\n");
        return text.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void table(StringBuilder text, List<String[]> rows, String indent) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
