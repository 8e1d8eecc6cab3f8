package com.mpac.portal.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;

/** Small helpers for the plain-SQL repositories of the registry and its neighbours. */
public final class Sql {

    private Sql() {
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code LIKE} pattern matching {@code text} anywhere, with the caller's wildcards taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Whether a unique or foreign-key violation broke the named constraint or index (PostgreSQL names it in the
     * message; the driver's own exception type is not on the compile path).
     */
    public static boolean violates(DataIntegrityViolationException ex, String constraint) {
        String message = ex.getMostSpecificCause().getMessage();
        return message != null && message.contains("\"" + constraint + "\"");
    }

    /** A WHERE clause built from the filters that were given; absent filters add nothing. */
    public static final class Where {

        private final List<String> clauses = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();

        public Where and(String clause) {
            clauses.add(clause);
            return this;
        }

        /** Adds {@code clause} (which refers to {@code :name}) only when {@code value} is not null. */
        public Where and(String clause, String name, Object value) {
            if (value != null) {
                clauses.add(clause);
                params.put(name, value);
            }
            return this;
        }

        public Where param(String name, Object value) {
            params.put(name, value);
            return this;
        }

        public String sql() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        public Map<String, Object> params() {
            return params;
        }
    }
}
