package com.mpac.mqpay.resource;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.payment.Money;
import com.mpac.mqpay.payment.PaymentService;

/**
 * The four CRUD resources: filtered lists, counts, reads, creates, PATCHes of descriptive fields and soft deletes,
 * each for the calling merchant only; another merchant's ids are not found. Statuses and amounts paid change only
 * through the payment endpoints.
 */
@Service
class ResourceService {

    private final ResourceRepository resources;
    private final PaymentService payments;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Validator validator;

    ResourceService(ResourceRepository resources, PaymentService payments, JdbcClient jdbc, JsonMapper json,
            Validator validator) {
        this.resources = resources;
        this.payments = payments;
        this.jdbc = jdbc;
        this.json = json;
        this.validator = validator;
    }

    /**
     * A create body read strictly: a field the resource does not take (a status, a paid amount, a typo) is a 400,
     * where the service-wide JSON reading would silently drop it.
     */
    <T extends Record> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw MqPayException.invalid("Send a JSON object.");
        }
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw MqPayException.invalid("Unknown field '" + name + "'; this resource takes " + known
                        + ". Statuses and amounts paid change only through /payments/*.");
            }
        }
        T request;
        try {
            request = json.treeToValue(body, type);
        }
        catch (JacksonException ex) {
            String path = ex.getPath().stream().map(ref -> String.valueOf(ref.getPropertyName()))
                    .collect(Collectors.joining("."));
            throw MqPayException.invalid("Field '" + path + "' has a wrong type or an unknown value.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw MqPayException.invalid("Invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return request;
    }

    @Transactional(readOnly = true)
    List<Map<String, Object>> list(Resource resource, String merchantId, String filter) {
        return resources.list(resource, merchantId, ResourceFilter.parseFilter(resource, filter, json));
    }

    @Transactional(readOnly = true)
    Map<String, Object> count(Resource resource, String merchantId, String where) {
        return Map.of("count", resources.count(resource, merchantId, ResourceFilter.parseWhere(resource, where, json)));
    }

    @Transactional(readOnly = true)
    Map<String, Object> get(Resource resource, String merchantId, String id) {
        return resources.find(resource, merchantId, ResourceFilter.id(id, resource))
                .orElseThrow(() -> notFound(resource, id));
    }

    @Transactional
    Map<String, Object> patch(Resource resource, String merchantId, String id, JsonNode body) {
        UUID uuid = ResourceFilter.id(id, resource);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw MqPayException.invalid("Send a JSON object with the fields to change: " + resource.patchable() + ".");
        }
        Map<ResourceField, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (!resource.patchable().contains(entry.getKey())) {
                throw MqPayException.invalid("Field '" + entry.getKey() + "' cannot be changed here; PATCH takes "
                        + resource.patchable() + ". Statuses and amounts change through /payments/*.");
            }
            ResourceField field = resource.field(entry.getKey()).orElseThrow();
            values.put(field, patchValue(field, entry.getValue()));
        }
        if (!resources.lock(resource, merchantId, uuid)) {
            throw notFound(resource, id);
        }
        resources.update(resource, merchantId, uuid, values);
        if (resource == Resource.TRANSACTION_ITEMS) {
            jdbc.sql("UPDATE transaction_item SET amount = quantity * unit_price WHERE id = :id").param("id", uuid)
                    .update();
        }
        return resources.find(resource, merchantId, uuid).orElseThrow();
    }

    @Transactional
    void delete(Resource resource, String merchantId, String id) {
        UUID uuid = ResourceFilter.id(id, resource);
        if (!resources.lock(resource, merchantId, uuid)) {
            throw notFound(resource, id);
        }
        if (!resources.softDelete(resource, merchantId, uuid)) {
            throw new MqPayException(resource.notDeletable(), resource.notDeletableMessage());
        }
    }

    @Transactional
    Map<String, Object> createTransaction(String merchantId, ResourceRequests.TransactionCreate request) {
        BigDecimal total = Money.vnd(request.total(), "total");
        if (request.currency() != null && !"VND".equals(request.currency())) {
            throw MqPayException.invalid("currency must be VND.");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO payment_transaction (id, merchant_id, number, source_type, source_id, source_uid,
                        currency, status, total, note)
                    VALUES (:id, :merchantId, 'TXN' || lpad(nextval('transaction_number_seq')::text, 6, '0'),
                        :sourceType, :sourceId, :sourceUid, 'VND', '100_NEW', :total, :note)
                    """)
                    .param("id", id).param("merchantId", merchantId).param("sourceType", request.sourceType())
                    .param("sourceId", request.sourceId()).param("sourceUid", request.sourceUid())
                    .param("total", total).param("note", request.note())
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw new MqPayException(ErrorCode.CONFLICT, "A transaction for source " + request.sourceType() + "/"
                    + request.sourceId() + " exists already: find it with filter {\"where\":{\"sourceType\":...,"
                    + "\"sourceId\":...}}.");
        }
        return resources.find(Resource.TRANSACTIONS, merchantId, id).orElseThrow();
    }

    @Transactional
    Map<String, Object> createAttempt(String merchantId, ResourceRequests.AttemptCreate request) {
        UUID id = payments.addAttempt(merchantId, request.transactionId(), request.provider(), request.method(),
                request.amount(), request.note());
        return resources.find(Resource.PAYMENT_ATTEMPTS, merchantId, id).orElseThrow();
    }

    @Transactional
    Map<String, Object> createResult(String merchantId, ResourceRequests.ResultCreate request) {
        requireTransaction(merchantId, request.transactionId());
        if (request.attemptId() != null) {
            boolean attemptOfTransaction = jdbc.sql("""
                    SELECT count(*) FROM payment_attempt
                    WHERE id = :id AND merchant_id = :merchantId AND transaction_id = :transactionId
                      AND deleted_at IS NULL
                    """)
                    .param("id", request.attemptId()).param("merchantId", merchantId)
                    .param("transactionId", request.transactionId()).query(Long.class).single() == 1;
            if (!attemptOfTransaction) {
                throw new MqPayException(ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND, "Payment attempt "
                        + request.attemptId() + " not found in transaction " + request.transactionId() + ".");
            }
        }
        BigDecimal amount = request.amount() == null ? null : Money.vnd(request.amount(), "amount");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO payment_result (id, merchant_id, transaction_id, attempt_id, provider, kind, outcome,
                    message, amount, provider_reference, paid_at)
                VALUES (:id, :merchantId, :transactionId, :attemptId, :provider, 'MANUAL', 'RECORDED', :message,
                    :amount, :providerReference, :paidAt)
                """)
                .param("id", id).param("merchantId", merchantId).param("transactionId", request.transactionId())
                .param("attemptId", request.attemptId()).param("provider", request.provider())
                .param("message", request.message()).param("amount", amount)
                .param("providerReference", request.providerReference())
                .param("paidAt", request.paidAt() == null ? null : Timestamp.from(request.paidAt()))
                .update();
        return resources.find(Resource.PAYMENT_RESULTS, merchantId, id).orElseThrow();
    }

    @Transactional
    Map<String, Object> createItem(String merchantId, ResourceRequests.ItemCreate request) {
        requireTransaction(merchantId, request.transactionId());
        BigDecimal unitPrice = Money.vnd(request.unitPrice(), "unitPrice");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO transaction_item (id, merchant_id, transaction_id, name, sku, quantity, unit_price, amount,
                    note)
                VALUES (:id, :merchantId, :transactionId, :name, :sku, :quantity, :unitPrice, :amount, :note)
                """)
                .param("id", id).param("merchantId", merchantId).param("transactionId", request.transactionId())
                .param("name", request.name()).param("sku", request.sku()).param("quantity", request.quantity())
                .param("unitPrice", unitPrice)
                .param("amount", unitPrice.multiply(BigDecimal.valueOf(request.quantity())))
                .param("note", request.note())
                .update();
        return resources.find(Resource.TRANSACTION_ITEMS, merchantId, id).orElseThrow();
    }

    private void requireTransaction(String merchantId, UUID transactionId) {
        if (resources.find(Resource.TRANSACTIONS, merchantId, transactionId).isEmpty()) {
            throw new MqPayException(ErrorCode.TRANSACTION_NOT_FOUND, "Transaction " + transactionId + " not found.");
        }
    }

    private static Object patchValue(ResourceField field, JsonNode value) {
        String name = field.name();
        return switch (field.type()) {
            case TEXT -> {
                if (value.isNull() && !name.equals("name")) {
                    yield null;
                }
                if (!value.isString() || value.stringValue().isBlank() && name.equals("name")
                        || value.stringValue().length() > 500) {
                    throw MqPayException.invalid("'" + name + "' takes text of at most 500 characters.");
                }
                yield value.stringValue();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
                        || value.intValue() > 1_000_000) {
                    throw MqPayException.invalid("'" + name + "' takes a whole number from 1 to 1000000.");
                }
                yield value.intValue();
            }
            case AMOUNT -> {
                if (!value.isNumber()) {
                    throw MqPayException.invalid("'" + name + "' takes a number.");
                }
                yield Money.vnd(value.decimalValue(), name);
            }
            default -> throw MqPayException.invalid("'" + name + "' cannot be changed.");
        };
    }

    private static MqPayException notFound(Resource resource, String id) {
        return new MqPayException(resource.notFound(), "No " + resource.name() + " with id " + id + ".");
    }
}
