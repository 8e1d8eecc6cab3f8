package com.mpac.mqpay.resource;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.payment.Money;

/**
 * The {@code filter} query parameter, LoopBack style, translated to SQL without ever putting a caller's text into
 * it: field names are looked up in the resource's whitelist (columns come from there), operators from a fixed set,
 * and every value is a bind parameter.
 * <pre>
 * {"where": {"status": "304_SETTLED", "total": {"gte": 50000}, "or": [{"sourceType": "Order"}, ...]},
 *  "order": ["createdAt DESC"], "limit": 20, "skip": 40, "fields": ["id", "status"]}
 * </pre>
 */
final class ResourceFilter {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final int MAX_SKIP = 100_000;
    static final int MAX_FILTER_CHARS = 4096;
    static final int MAX_DEPTH = 5;
    static final int MAX_CONDITIONS = 50;
    static final int MAX_IN_VALUES = 100;
    static final int MAX_ORDER = 5;
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final Set<String> TOP_LEVEL = Set.of("where", "order", "limit", "skip", "offset", "fields");
    static final Set<String> OPERATORS = Set.of("eq", "neq", "gt", "gte", "lt", "lte", "inq", "nin", "like",
            "nlike", "ilike", "nilike", "between");

    private final Resource resource;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int conditions;

    /** The translated filter: a WHERE fragment with its parameters, ORDER BY, page and projection. */
    record Query(String where, Map<String, Object> params, String orderBy, int limit, int skip,
            List<ResourceField> fields) {
    }

    private ResourceFilter(Resource resource) {
        this.resource = resource;
    }

    static Query parseFilter(Resource resource, String filter, JsonMapper json) {
        JsonNode root = read(filter, json, "filter");
        ResourceFilter translator = new ResourceFilter(resource);
        if (root == null) {
            return new Query("TRUE", Map.of(), defaultOrder(), DEFAULT_LIMIT, 0, resource.fields());
        }
        if (!root.isObject()) {
            throw invalid("filter must be a JSON object.");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw invalid("filter." + key + " is not supported; use where, order, limit, skip, fields.");
            }
        }
        String where = root.has("where") ? translator.where(root.get("where"), 1) : "TRUE";
        String order = translator.order(root.get("order"));
        int limit = integer(root.get("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        JsonNode skipNode = root.has("skip") ? root.get("skip") : root.get("offset");
        int skip = integer(skipNode, "skip", 0, MAX_SKIP, 0);
        return new Query(where, translator.params, order, limit, skip, translator.fields(root.get("fields")));
    }

    /** The {@code where} parameter of {@code /count}. */
    static Query parseWhere(Resource resource, String where, JsonMapper json) {
        JsonNode root = read(where, json, "where");
        ResourceFilter translator = new ResourceFilter(resource);
        String sql = root == null ? "TRUE" : translator.where(root, 1);
        return new Query(sql, translator.params, defaultOrder(), 1, 0, resource.fields());
    }

    private static JsonNode read(String text, JsonMapper json, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_FILTER_CHARS) {
            throw invalid(parameter + " is longer than " + MAX_FILTER_CHARS + " characters.");
        }
        try {
            return json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(text);
        }
        catch (JacksonException ex) {
            throw invalid(parameter + " is not valid JSON.");
        }
    }

    private String where(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("where nests deeper than " + MAX_DEPTH + " levels.");
        }
        if (!node.isObject()) {
            throw invalid("where must be a JSON object.");
        }
        if (node.isEmpty()) {
            return "TRUE";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("and") || key.equals("or")) {
                if (!value.isArray() || value.isEmpty()) {
                    throw invalid("where." + key + " must be a non-empty array of conditions.");
                }
                List<String> branches = new ArrayList<>();
                for (JsonNode branch : value.values()) {
                    branches.add(where(branch, depth + 1));
                }
                parts.add("(" + String.join(key.equals("and") ? " AND " : " OR ", branches) + ")");
            }
            else {
                parts.add(condition(key, value));
            }
        }
        return "(" + String.join(" AND ", parts) + ")";
    }

    private String condition(String fieldName, JsonNode value) {
        if (++conditions > MAX_CONDITIONS) {
            throw invalid("where has more than " + MAX_CONDITIONS + " conditions.");
        }
        ResourceField field = resource.field(fieldName)
                .orElseThrow(() -> invalid("Unknown field '" + fieldName + "' for " + resource.name()
                        + "s; filterable fields: " + resource.byName().keySet() + "."));
        if (!value.isObject()) {
            return compare(field, "eq", value);
        }
        if (value.isEmpty()) {
            throw invalid("The condition on '" + fieldName + "' names no operator.");
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : value.properties()) {
            if (!OPERATORS.contains(op.getKey())) {
                throw invalid("Unknown operator '" + op.getKey() + "' on '" + fieldName + "'; operators: "
                        + OPERATORS.stream().sorted().toList() + ".");
            }
            parts.add(compare(field, op.getKey(), op.getValue()));
        }
        return String.join(" AND ", parts);
    }

    private String compare(ResourceField field, String operator, JsonNode value) {
        String column = "r." + field.column();
        return switch (operator) {
            case "eq" -> value.isNull() ? column + " IS NULL" : column + " = " + bind(field, value);
            case "neq" -> value.isNull() ? column + " IS NOT NULL"
                    : "(" + column + " <> " + bind(field, value) + " OR " + column + " IS NULL)";
            case "gt" -> column + " > " + bind(field, value);
            case "gte" -> column + " >= " + bind(field, value);
            case "lt" -> column + " < " + bind(field, value);
            case "lte" -> column + " <= " + bind(field, value);
            case "inq", "nin" -> {
                if (!value.isArray() || value.isEmpty() || value.size() > MAX_IN_VALUES) {
                    throw invalid(operator + " on '" + field.name() + "' takes an array of 1 to " + MAX_IN_VALUES
                            + " values.");
                }
                List<String> names = new ArrayList<>();
                for (JsonNode item : value.values()) {
                    names.add(bind(field, item));
                }
                yield column + (operator.equals("inq") ? " IN (" : " NOT IN (") + String.join(", ", names) + ")";
            }
            case "between" -> {
                if (!value.isArray() || value.size() != 2) {
                    throw invalid("between on '" + field.name() + "' takes an array of two values.");
                }
                yield column + " BETWEEN " + bind(field, value.get(0)) + " AND " + bind(field, value.get(1));
            }
            case "like", "nlike", "ilike", "nilike" -> {
                if (field.type() != FieldType.TEXT || !value.isString() || value.stringValue().length() > 100) {
                    throw invalid(operator + " applies to text fields with a pattern of at most 100 characters.");
                }
                String sql = switch (operator) {
                    case "like" -> " LIKE ";
                    case "nlike" -> " NOT LIKE ";
                    case "ilike" -> " ILIKE ";
                    default -> " NOT ILIKE ";
                };
                yield column + sql + bind(field, value);
            }
            default -> throw invalid("Unknown operator '" + operator + "'.");
        };
    }

    private String bind(ResourceField field, JsonNode value) {
        Object typed = switch (field.type()) {
            case TEXT -> text(field, value);
            case UUID -> {
                try {
                    yield java.util.UUID.fromString(text(field, value));
                }
                catch (IllegalArgumentException ex) {
                    throw invalid("'" + field.name() + "' takes UUID values.");
                }
            }
            case AMOUNT -> {
                BigDecimal amount = decimal(field, value);
                if (amount.abs().compareTo(Money.MAX.multiply(BigDecimal.valueOf(1000))) > 0) {
                    throw invalid("'" + field.name() + "' value is out of range.");
                }
                yield amount;
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw invalid("'" + field.name() + "' takes whole numbers.");
                }
                yield value.intValue();
            }
            case TIMESTAMP -> {
                try {
                    Instant instant = Instant.parse(text(field, value));
                    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                        throw invalid("'" + field.name() + "' takes instants from 1970 to 9999.");
                    }
                    yield Timestamp.from(instant);
                }
                catch (DateTimeParseException ex) {
                    throw invalid("'" + field.name() + "' takes ISO-8601 instants like 2026-01-15T10:35:00Z.");
                }
            }
        };
        String name = "p" + params.size();
        params.put(name, typed);
        return ":" + name;
    }

    private static String text(ResourceField field, JsonNode value) {
        if (!value.isString() || value.stringValue().indexOf('\0') >= 0) {
            throw invalid("'" + field.name() + "' takes text values (without NUL characters).");
        }
        return value.stringValue();
    }

    private static BigDecimal decimal(ResourceField field, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString() && value.stringValue().length() <= 30) {
            try {
                return new BigDecimal(value.stringValue());
            }
            catch (NumberFormatException ex) {
                // falls through to the refusal below
            }
        }
        throw invalid("'" + field.name() + "' takes numbers.");
    }

    private String order(JsonNode node) {
        if (node == null || node.isNull()) {
            return defaultOrder();
        }
        List<JsonNode> items = node.isArray() ? List.copyOf(node.values()) : List.of(node);
        if (items.isEmpty() || items.size() > MAX_ORDER) {
            throw invalid("order takes 1 to " + MAX_ORDER + " entries like \"createdAt DESC\".");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isString()) {
                throw invalid("order entries are strings like \"createdAt DESC\".");
            }
            String[] words = item.stringValue().trim().split("\\s+");
            if (words.length > 2) {
                throw invalid("order entry '" + item.stringValue() + "' is not 'field [ASC|DESC]'.");
            }
            ResourceField field = resource.field(words[0])
                    .orElseThrow(() -> invalid("Unknown field '" + words[0] + "' in order."));
            String direction = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : "ASC";
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw invalid("order direction must be ASC or DESC.");
            }
            parts.add("r." + field.column() + " " + direction);
        }
        parts.add("r.id ASC");
        return String.join(", ", parts);
    }

    private List<ResourceField> fields(JsonNode node) {
        if (node == null || node.isNull()) {
            return resource.fields();
        }
        List<String> included = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node.values()) {
                if (!item.isString()) {
                    throw invalid("fields lists field names.");
                }
                included.add(item.stringValue());
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!entry.getValue().isBoolean()) {
                    throw invalid("fields maps field names to true or false.");
                }
                (entry.getValue().asBoolean() ? included : excluded).add(entry.getKey());
            }
        }
        else {
            throw invalid("fields is an array of names or an object of name: true|false.");
        }
        for (String name : included) {
            resource.field(name).orElseThrow(() -> invalid("Unknown field '" + name + "' in fields."));
        }
        for (String name : excluded) {
            resource.field(name).orElseThrow(() -> invalid("Unknown field '" + name + "' in fields."));
        }
        List<ResourceField> selected = resource.fields().stream()
                .filter(f -> included.isEmpty() || included.contains(f.name()))
                .filter(f -> !excluded.contains(f.name()))
                .toList();
        if (selected.isEmpty()) {
            throw invalid("fields leaves nothing to show.");
        }
        return selected;
    }

    private static int integer(JsonNode node, String name, int min, int max, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw invalid(name + " must be a whole number from " + min + " to " + max + ".");
        }
        return node.intValue();
    }

    private static String defaultOrder() {
        return "r.created_at DESC, r.id ASC";
    }

    private static MqPayException invalid(String message) {
        return new MqPayException(ErrorCode.INVALID_FILTER, message);
    }

    static UUID id(String text, Resource resource) {
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException ex) {
            throw new MqPayException(resource.notFound(), "No " + resource.name() + " with id " + text + ".");
        }
    }
}
