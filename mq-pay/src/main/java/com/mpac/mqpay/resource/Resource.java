package com.mpac.mqpay.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mpac.mqpay.error.ErrorCode;

/**
 * A CRUD resource of the seed: its table, its fields (the whitelist filters, ordering and projections are checked
 * against), the fields PATCH may change, and the condition a row must meet to be soft-deleted.
 */
record Resource(String name, String table, ErrorCode notFound, List<ResourceField> fields, List<String> patchable,
        String deletableWhen, ErrorCode notDeletable, String notDeletableMessage) {

    Optional<ResourceField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    Map<String, ResourceField> byName() {
        Map<String, ResourceField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    static ResourceField uuid(String name, String column) {
        return new ResourceField(name, column, FieldType.UUID);
    }

    static ResourceField text(String name, String column) {
        return new ResourceField(name, column, FieldType.TEXT);
    }

    static ResourceField amount(String name, String column) {
        return new ResourceField(name, column, FieldType.AMOUNT);
    }

    static ResourceField integer(String name, String column) {
        return new ResourceField(name, column, FieldType.INTEGER);
    }

    static ResourceField timestamp(String name, String column) {
        return new ResourceField(name, column, FieldType.TIMESTAMP);
    }

    static final Resource TRANSACTIONS = new Resource("transaction", "payment_transaction",
            ErrorCode.TRANSACTION_NOT_FOUND,
            List.of(uuid("id", "id"), text("number", "number"), text("status", "status"),
                    text("sourceType", "source_type"), text("sourceId", "source_id"),
                    text("sourceUid", "source_uid"), text("currency", "currency"), amount("total", "total"),
                    amount("paid", "paid"), amount("refunded", "refunded"), text("note", "note"),
                    timestamp("createdAt", "created_at"), timestamp("updatedAt", "updated_at")),
            List.of("sourceUid", "note"),
            "status IN ('100_NEW', '505_CANCELLED') AND paid = 0 AND NOT EXISTS (SELECT 1 FROM payment_attempt a "
                    + "WHERE a.transaction_id = r.id AND a.status IN ('100_NEW', '204_SENT') AND a.deleted_at IS NULL)",
            ErrorCode.INVALID_TRANSACTION_STATUS,
            "Only a transaction without money and without open attempts (100_NEW or 505_CANCELLED) can be deleted.");

    static final Resource PAYMENT_ATTEMPTS = new Resource("payment attempt", "payment_attempt",
            ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND,
            List.of(uuid("id", "id"), text("code", "code"), uuid("transactionId", "transaction_id"),
                    text("type", "type"), uuid("parentId", "parent_id"), text("provider", "provider"),
                    text("method", "method"), text("status", "status"), amount("amount", "amount"),
                    amount("tendered", "tendered"), amount("paid", "paid"), amount("change", "change"),
                    text("currency", "currency"), timestamp("expiresAt", "expires_at"), text("qrCode", "qr_code"),
                    text("providerReference", "provider_reference"), text("note", "note"),
                    timestamp("createdAt", "created_at"), timestamp("updatedAt", "updated_at")),
            List.of("note"),
            "(type = '100_PAYMENT' AND status IN ('500_FAIL', '501_EXPIRED', '505_CANCELLED'))"
                    + " OR type = '200_CANCEL_PAYMENT'",
            ErrorCode.INVALID_ATTEMPT_STATUS,
            "Open, successful and refund attempts hold money records and cannot be deleted: cancel or refund instead.");

    static final Resource PAYMENT_RESULTS = new Resource("payment result", "payment_result",
            ErrorCode.PAYMENT_RESULT_NOT_FOUND,
            List.of(uuid("id", "id"), uuid("transactionId", "transaction_id"), uuid("attemptId", "attempt_id"),
                    text("provider", "provider"), text("kind", "kind"), text("outcome", "outcome"),
                    text("responseCode", "response_code"), text("message", "message"), amount("amount", "amount"),
                    text("providerReference", "provider_reference"),
                    text("providerTransactionId", "provider_transaction_id"), timestamp("paidAt", "paid_at"),
                    text("reviewReason", "review_reason"),
                    timestamp("createdAt", "created_at"), timestamp("updatedAt", "updated_at")),
            List.of("message"),
            "kind = 'MANUAL'",
            ErrorCode.CONFLICT,
            "Results reported by providers, cashiers and refunds are the audit trail: only MANUAL results can be "
                    + "deleted.");

    static final Resource TRANSACTION_ITEMS = new Resource("transaction item", "transaction_item",
            ErrorCode.TRANSACTION_ITEM_NOT_FOUND,
            List.of(uuid("id", "id"), uuid("transactionId", "transaction_id"), text("name", "name"),
                    text("sku", "sku"), integer("quantity", "quantity"), amount("unitPrice", "unit_price"),
                    amount("amount", "amount"), text("note", "note"), timestamp("createdAt", "created_at"),
                    timestamp("updatedAt", "updated_at")),
            List.of("name", "sku", "quantity", "unitPrice", "note"),
            "true",
            ErrorCode.CONFLICT, "");
}
