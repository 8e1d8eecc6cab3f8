package com.mpac.mqpay.resource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.mqpay.payment.Money;

/**
 * Reads and soft-deletes any resource for one merchant. Every statement is scoped to the merchant and to live rows
 * ({@code deleted_at IS NULL}); table and column names come only from the resource definitions.
 */
@Repository
class ResourceRepository {

    private final JdbcClient jdbc;

    ResourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Map<String, Object>> list(Resource resource, String merchantId, ResourceFilter.Query query) {
        String sql = "SELECT " + columns(query.fields()) + " FROM " + resource.table() + " r"
                + " WHERE r.merchant_id = :merchantId AND r.deleted_at IS NULL AND " + query.where()
                + " ORDER BY " + query.orderBy() + " LIMIT :limit OFFSET :skip";
        return jdbc.sql(sql).params(query.params()).param("merchantId", merchantId)
                .param("limit", query.limit()).param("skip", query.skip())
                .query((rs, n) -> row(rs, query.fields())).list();
    }

    long count(Resource resource, String merchantId, ResourceFilter.Query query) {
        String sql = "SELECT count(*) FROM " + resource.table() + " r"
                + " WHERE r.merchant_id = :merchantId AND r.deleted_at IS NULL AND " + query.where();
        return jdbc.sql(sql).params(query.params()).param("merchantId", merchantId).query(Long.class).single();
    }

    Optional<Map<String, Object>> find(Resource resource, String merchantId, UUID id) {
        String sql = "SELECT " + columns(resource.fields()) + " FROM " + resource.table() + " r"
                + " WHERE r.id = :id AND r.merchant_id = :merchantId AND r.deleted_at IS NULL";
        return jdbc.sql(sql).param("id", id).param("merchantId", merchantId)
                .query((rs, n) -> row(rs, resource.fields())).optional();
    }

    /** Locks the live row; empty when the merchant has no such row. */
    boolean lock(Resource resource, String merchantId, UUID id) {
        return jdbc.sql("SELECT id FROM " + resource.table() + " r"
                + " WHERE r.id = :id AND r.merchant_id = :merchantId AND r.deleted_at IS NULL FOR UPDATE")
                .param("id", id).param("merchantId", merchantId).query(UUID.class).optional().isPresent();
    }

    /** Soft-deletes the row if it meets the resource's condition; {@code false} when it does not. */
    boolean softDelete(Resource resource, String merchantId, UUID id) {
        return jdbc.sql("UPDATE " + resource.table() + " r SET deleted_at = now(), updated_at = now()"
                + " WHERE r.id = :id AND r.merchant_id = :merchantId AND r.deleted_at IS NULL AND ("
                + resource.deletableWhen() + ")")
                .param("id", id).param("merchantId", merchantId).update() == 1;
    }

    /** Sets the given columns (already whitelisted and typed) of a live row. */
    void update(Resource resource, String merchantId, UUID id, Map<ResourceField, Object> values) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sets = values.entrySet().stream().map(entry -> {
            String name = "v" + params.size();
            params.put(name, entry.getValue());
            return entry.getKey().column() + " = :" + name;
        }).collect(Collectors.joining(", "));
        jdbc.sql("UPDATE " + resource.table() + " r SET " + sets + ", updated_at = now()"
                + " WHERE r.id = :id AND r.merchant_id = :merchantId AND r.deleted_at IS NULL")
                .params(params).param("id", id).param("merchantId", merchantId).update();
    }

    private static String columns(List<ResourceField> fields) {
        return fields.stream().map(f -> "r." + f.column()).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> row(ResultSet rs, List<ResourceField> fields) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (ResourceField field : fields) {
            Object value = switch (field.type()) {
                case UUID -> {
                    UUID uuid = rs.getObject(field.column(), UUID.class);
                    yield uuid == null ? null : uuid.toString();
                }
                case TEXT -> rs.getString(field.column());
                case AMOUNT -> Money.wire(rs.getBigDecimal(field.column()));
                case INTEGER -> {
                    int number = rs.getInt(field.column());
                    yield rs.wasNull() ? null : number;
                }
                case TIMESTAMP -> {
                    Timestamp timestamp = rs.getTimestamp(field.column());
                    yield timestamp == null ? null : timestamp.toInstant().toString();
                }
            };
            row.put(field.name(), value);
        }
        return row;
    }
}
