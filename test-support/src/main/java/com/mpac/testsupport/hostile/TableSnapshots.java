package com.mpac.testsupport.hostile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * A cheap fingerprint of every table of a service's schema (row count and an md5 of the rows), so a test can prove
 * that a refused request wrote nothing. Tables that record requests by design (nonces, idempotency keys, throttle
 * and audit tables) are left out explicitly, each with the reason, which the report prints.
 */
public final class TableSnapshots {

    private final DataSource dataSource;
    private final String schema;
    private final Map<String, String> excluded;
    private String query;

    /**
     * @param excluded table name → why a refused request may legitimately write to it
     */
    public TableSnapshots(DataSource dataSource, String schema, Map<String, String> excluded) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.excluded = Map.copyOf(excluded);
    }

    public Map<String, String> excluded() {
        return excluded;
    }

    /** Table → {@code rows:md5}. */
    public Map<String, String> take() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (query == null) {
                query = buildQuery(statement);
            }
            Map<String, String> fingerprints = new LinkedHashMap<>();
            if (query.isEmpty()) {
                return fingerprints;
            }
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    fingerprints.put(rows.getString(1), rows.getString(2));
                }
            }
            return fingerprints;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot fingerprint schema " + schema, ex);
        }
    }

    /** The tables whose fingerprint differs between two snapshots. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return after.keySet().stream().filter(table -> !Objects.equals(before.get(table), after.get(table)))
                .collect(Collectors.toList());
    }

    private String buildQuery(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables "
                + "where table_schema = '" + schema.replace("'", "''") + "' and table_type = 'BASE TABLE' "
                + "order by table_name")) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (!excluded.containsKey(table) && !table.startsWith("flyway_schema_history")) {
                    tables.add(table);
                }
            }
        }
        return tables.stream()
                .map(table -> "select '" + table + "', count(*) || ':' || coalesce(md5(string_agg(t::text, ',' "
                        + "order by t::text)), '') from \"" + schema + "\".\"" + table + "\" t")
                .collect(Collectors.joining(" union all "));
    }
}
