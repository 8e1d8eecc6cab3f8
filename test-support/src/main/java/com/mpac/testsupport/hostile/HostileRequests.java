package com.mpac.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema-driven hostile-input generator: reads a service's OpenAPI document and, for every operation, produces
 * hostile variants of a valid-looking request (malformed JSON, wrong types, missing, unknown and oversized fields,
 * unknown enum values, hostile numbers, currencies, dates, text and unicode, deep nesting, hostile path segments and
 * query values). Deterministic: the same document, seed and budget give the same requests.
 * <p>
 * Send them with {@link HostileRun}; this class only generates.
 */
public final class HostileRequests {

    /** JSON bodies carry a placeholder string where a raw literal (an escape, an overflowing number) goes. */
    private static final String RAW = "\u0001raw:";
    private static final Pattern MONEY = Pattern.compile("(?i).*(amount|total|price|tip|tax|tendered|fee).*");
    private static final Pattern CURRENCY = Pattern.compile("(?i).*currency.*");
    private static final Pattern DATE_NAME = Pattern.compile("(?i).*(date|_at|At|time|from|to|since|until)$");

    private final JsonNode document;
    private final JsonMapper json = JsonMapper.builder().build();
    private final long seed;
    private final int budgetPerOperation;
    private final boolean unknownFieldsRefused;
    private final Map<String, String> knownValues;
    private final Predicate<String> operationFilter;

    private HostileRequests(Builder builder) {
        this.document = json.readTree(builder.openApiJson);
        this.seed = builder.seed;
        this.budgetPerOperation = builder.budgetPerOperation;
        this.unknownFieldsRefused = builder.unknownFieldsRefused;
        this.knownValues = Map.copyOf(builder.knownValues);
        this.operationFilter = builder.operationFilter;
    }

    public static Builder fromOpenApi(String openApiJson) {
        return new Builder(openApiJson);
    }

    public static final class Builder {

        private final String openApiJson;
        private long seed = 11;
        private int budgetPerOperation = 40;
        private boolean unknownFieldsRefused = true;
        private final Map<String, String> knownValues = new LinkedHashMap<>();
        private Predicate<String> operationFilter = operation -> true;

        private Builder(String openApiJson) {
            this.openApiJson = openApiJson;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** At most this many requests per operation (the valid-looking baseline included). */
        public Builder budgetPerOperation(int value) {
            this.budgetPerOperation = value;
            return this;
        }

        /** Whether the service documents refusing unknown JSON fields (the platform APIs do; some seeds ignore them). */
        public Builder unknownFieldsRefused(boolean value) {
            this.unknownFieldsRefused = value;
            return this;
        }

        /**
         * A real value for a path, query, header or body field of that name, used wherever that field is not the
         * one under attack, so the other variants reach the handler's logic (an existing id, a valid terminal).
         */
        public Builder knownValue(String name, String value) {
            this.knownValues.put(name, value);
            return this;
        }

        /** Operations ({@code METHOD /path}) to attack; the others are left out and not counted. */
        public Builder operations(Predicate<String> filter) {
            this.operationFilter = filter;
            return this;
        }

        public HostileRequests build() {
            return new HostileRequests(this);
        }
    }

    /** The operations of the document, each {@code METHOD /path}, in document order. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        forEachOperation((path, method, operation) -> operations.add(method + " " + path));
        return operations;
    }

    /** Every hostile request for every operation, within the budget per operation. */
    public List<HostileRequest> requests() {
        List<HostileRequest> all = new ArrayList<>();
        forEachOperation((path, method, operation) -> all.addAll(requestsFor(path, method, operation)));
        return all;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                        && operationFilter.test(method + " " + path.getKey())) {
                    visitor.visit(path.getKey(), method, operation.getValue());
                }
            }
        }
    }

    // ---- one operation ----

    private record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    private record Candidate(String category, String variant, Map<String, String> path, Map<String, String> query,
            String body, String contentType, boolean mayBeValid) {
    }

    private List<HostileRequest> requestsFor(String pathTemplate, String method, JsonNode operation) {
        String key = method + " " + pathTemplate;
        List<Parameter> parameters = parameters(operation);
        Map<String, String> basePath = new LinkedHashMap<>();
        Map<String, String> baseQuery = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            String value = knownValues.getOrDefault(parameter.name(), plausibleText(parameter.name(), parameter.schema()));
            switch (parameter.in()) {
                case "path" -> basePath.put(parameter.name(), HostileValues.encode(value));
                case "query" -> {
                    if (parameter.required() || knownValues.containsKey(parameter.name())) {
                        baseQuery.put(parameter.name(), value);
                    }
                }
                case "header" -> {
                    if (parameter.required() || knownValues.containsKey(parameter.name())) {
                        headers.put(parameter.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        JsonNode bodySchema = null;
        String contentType = null;
        boolean bodyRequired = operation.path("requestBody").path("required").asBoolean(false);
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isObject() && !content.isEmpty()) {
            contentType = content.has("application/json") ? "application/json" : content.propertyNames().iterator().next();
            bodySchema = resolve(content.path(contentType).path("schema"));
        }
        boolean jsonBody = contentType != null && contentType.contains("json");
        JsonNode baseBody = jsonBody ? example(bodySchema, 0) : null;
        String baseText = baseBody == null ? null : json.writeValueAsString(baseBody);

        Map<String, List<Candidate>> byCategory = new LinkedHashMap<>();
        CandidateSink sink = (category, variant, path, query, body, type, mayBeValid) -> byCategory
                .computeIfAbsent(category, c -> new ArrayList<>())
                .add(new Candidate(category, variant, path, query, body, type, mayBeValid));
        String type = contentType;

        // path segments
        for (Parameter parameter : parameters) {
            if (parameter.in().equals("path")) {
                Map<String, String> unknown = new LinkedHashMap<>(basePath);
                unknown.put(parameter.name(), HostileValues.encode(unknownId(parameter)));
                sink.add("path", "path." + parameter.name() + "=<unknown id>", unknown, baseQuery, baseText, type,
                        false);
                for (String segment : HostileValues.PATH_SEGMENTS) {
                    Map<String, String> path = new LinkedHashMap<>(basePath);
                    path.put(parameter.name(), segment);
                    sink.add("path", "path." + parameter.name() + "=" + abbreviate(segment), path, baseQuery, baseText,
                            type, false);
                }
            }
        }
        // query filters
        for (Parameter parameter : parameters) {
            if (parameter.in().equals("query")) {
                JsonNode schema = resolve(parameter.schema());
                boolean constrained = !schema.path("type").asString("string").equals("string") || schema.has("enum")
                        || schema.has("format") || schema.has("pattern");
                for (String value : HostileValues.QUERY_VALUES) {
                    Map<String, String> query = new LinkedHashMap<>(baseQuery);
                    query.put(parameter.name(), value);
                    boolean numericValueForNumber = isNumeric(schema) && value.matches("-?\\d+") && !value.equals(
                            "9223372036854775808");
                    sink.add("query", "query." + parameter.name() + "=" + abbreviate(value), basePath, query, baseText,
                            type, !constrained || numericValueForNumber);
                }
            }
        }
        if (jsonBody) {
            bodyVariants(baseBody, baseText, bodySchema, bodyRequired, (category, variant, body, mayBeValid) -> sink
                    .add(category, variant, basePath, baseQuery, body, type, mayBeValid));
            sink.add("content-type", "content-type text/plain", basePath, baseQuery, baseText, "text/plain", false);
        }
        else if (contentType != null) {
            sink.add("malformed", "garbage " + contentType, basePath, baseQuery, "\u0000\u00ff<<garbage", contentType,
                    false);
        }

        // baseline first, then round-robin over categories, each shuffled with a seed of its own
        Random random = new Random(seed ^ key.hashCode());
        List<Iterator<Candidate>> queues = new ArrayList<>();
        for (List<Candidate> candidates : byCategory.values()) {
            Collections.shuffle(candidates, random);
            queues.add(candidates.iterator());
        }
        List<HostileRequest> chosen = new ArrayList<>();
        chosen.add(request(key, pathTemplate, method, headers,
                new Candidate("baseline", "baseline", basePath, baseQuery, baseText, type, true)));
        while (chosen.size() < budgetPerOperation && queues.stream().anyMatch(Iterator::hasNext)) {
            for (Iterator<Candidate> queue : queues) {
                if (queue.hasNext() && chosen.size() < budgetPerOperation) {
                    chosen.add(request(key, pathTemplate, method, headers, queue.next()));
                }
            }
        }
        return chosen;
    }

    @FunctionalInterface
    private interface CandidateSink {
        void add(String category, String variant, Map<String, String> path, Map<String, String> query, String body,
                String contentType, boolean mayBeValid);
    }

    @FunctionalInterface
    private interface BodySink {
        void add(String category, String variant, String body, boolean mayBeValid);
    }

    private HostileRequest request(String key, String pathTemplate, String method, Map<String, String> headers,
            Candidate candidate) {
        String target = pathTemplate;
        for (Map.Entry<String, String> parameter : candidate.path().entrySet()) {
            target = target.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        StringBuilder query = new StringBuilder();
        candidate.query().forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&')
                .append(HostileValues.encode(name)).append('=').append(HostileValues.encode(value)));
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        byte[] body = null;
        if (candidate.body() != null && !method.equals("GET") && !method.equals("DELETE")) {
            body = candidate.body().getBytes(StandardCharsets.UTF_8);
            allHeaders.put("Content-Type", candidate.contentType());
        }
        return new HostileRequest(key, candidate.variant(), method, target + query, allHeaders, body,
                candidate.mayBeValid());
    }

    private List<Parameter> parameters(JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                    resolved.path("required").asBoolean(false), resolve(resolved.path("schema"))));
        }
        return parameters;
    }

    // ---- bodies ----

    private record Slot(List<Object> path, String name, JsonNode schema, boolean required) {
    }

    private void bodyVariants(JsonNode base, String baseText, JsonNode schema, boolean required, BodySink sink) {
        sink.add("malformed", "truncated JSON", baseText.substring(0, Math.max(1, baseText.length() / 2)), false);
        sink.add("malformed", "trailing garbage", baseText + "}}garbage", false);
        sink.add("malformed", "not JSON", "hostile=1&x=<y>", false);
        if (base.isObject()) {
            for (String wrongTop : List.of("[]", "\"a string\"", "42", "null", "true")) {
                sink.add("malformed", "top-level " + wrongTop, wrongTop, false);
            }
        }
        sink.add("malformed", "empty body", "", !required);
        sink.add("nesting", "nesting " + HostileValues.DEEP_NESTING + " arrays", nested(base, "["), false);
        sink.add("nesting", "nesting " + HostileValues.DEEP_NESTING + " objects", nested(base, "{"), false);
        if (base.isObject()) {
            ObjectNode unknown = ((ObjectNode) base).deepCopy();
            unknown.put("hostile_unknown_field", 1);
            sink.add("unknown-field", "unknown field", json.writeValueAsString(unknown), !unknownFieldsRefused);
        }
        List<Slot> slots = new ArrayList<>();
        collectSlots(base, schema, new ArrayList<>(), slots, 0);
        Slot firstText = slots.stream().filter(s -> isText(s.schema())).findFirst().orElse(null);
        if (base.isObject()) {
            String oversized = firstText == null
                    ? withExtra(base, "hostile_oversized", HostileValues.OVERSIZED)
                    : replaced(base, firstText, HostileValues.jsonString(HostileValues.OVERSIZED));
            sink.add("oversize", "body over 1 MB", oversized, false);
        }
        for (Slot slot : slots) {
            String at = "body." + slot.name();
            JsonNode s = slot.schema();
            if (slot.required()) {
                sink.add("missing", at + " missing", removed(base, slot), false);
            }
            for (String wrong : wrongTypes(s)) {
                sink.add("type", at + "=" + wrong, replaced(base, slot, wrong), false);
            }
            if (s.has("enum")) {
                sink.add("enum", at + "=<unknown enum>", replaced(base, slot, "\"NOT_A_DOCUMENTED_VALUE\""), false);
                continue;
            }
            if (isNumeric(s)) {
                boolean money = MONEY.matcher(slot.name()).matches();
                for (String number : HostileValues.NUMBERS) {
                    boolean overflow = HostileValues.OVERFLOWING_NUMBERS.contains(number);
                    boolean negative = number.startsWith("-");
                    boolean below = s.has("minimum") && Double.parseDouble(number) < s.path("minimum").asDouble();
                    // zero and fractions are legitimate for many fields (a 0 tip, a 7.5 % tax); Jackson rounds
                    // fractions into integers unless told otherwise, so only the schema's own minimum refuses them
                    boolean refused = overflow || below || (money && negative);
                    sink.add("number", at + "=" + number, replaced(base, slot, number), !refused);
                }
                continue;
            }
            if (isText(s)) {
                if (CURRENCY.matcher(slot.name()).matches()) {
                    for (String currency : HostileValues.CURRENCIES) {
                        sink.add("currency", at + "=\"" + currency + "\"",
                                replaced(base, slot, HostileValues.jsonString(currency)), false);
                    }
                }
                String format = s.path("format").asString("");
                if (format.startsWith("date") || DATE_NAME.matcher(slot.name()).matches()) {
                    for (String date : HostileValues.DATES) {
                        sink.add("date", at + "=\"" + date + "\"",
                                replaced(base, slot, HostileValues.jsonString(date)), !format.startsWith("date"));
                    }
                }
                boolean constrained = s.has("pattern") || s.has("format");
                sink.add("huge", at + "=<100k chars>", replaced(base, slot,
                        HostileValues.jsonString(HostileValues.HUGE_STRING)), !s.has("maxLength") && !constrained);
                for (String text : HostileValues.INJECTION_TEXT) {
                    sink.add("text", at + "=" + text, replaced(base, slot, HostileValues.jsonString(text)), true);
                }
                for (String literal : HostileValues.UNICODE_JSON_LITERALS) {
                    sink.add("unicode", at + "=" + literal, replaced(base, slot, literal), true);
                }
            }
        }
    }

    private void collectSlots(JsonNode node, JsonNode schema, List<Object> path, List<Slot> slots, int depth) {
        if (depth > 3 || schema == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode properties = properties(schema);
            Set<String> required = required(schema);
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (!node.has(property.getKey())) {
                    continue;
                }
                JsonNode propertySchema = resolve(property.getValue());
                List<Object> at = new ArrayList<>(path);
                at.add(property.getKey());
                String name = path.isEmpty() ? property.getKey()
                        : dotted(path) + "." + property.getKey();
                slots.add(new Slot(at, name, propertySchema, required.contains(property.getKey())));
                collectSlots(node.get(property.getKey()), propertySchema, at, slots, depth + 1);
            }
        }
        else if (node.isArray() && !node.isEmpty()) {
            List<Object> at = new ArrayList<>(path);
            at.add(0);
            collectSlots(node.get(0), resolve(schema.path("items")), at, slots, depth + 1);
        }
    }

    private static String dotted(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            }
            else {
                out.append(out.isEmpty() ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    private List<String> wrongTypes(JsonNode schema) {
        String type = typeOf(schema);
        return switch (type) {
            case "integer", "number" -> List.of("\"abc\"", "{}", "[]");
            case "boolean" -> List.of("\"yes\"", "{}");
            case "array" -> List.of("{}", "\"a string\"");
            case "object" -> List.of("\"a string\"", "42", "[]");
            default -> List.of("{}", "[]");
        };
    }

    private String replaced(JsonNode base, Slot slot, String rawLiteral) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = copy;
        for (Object step : slot.path().subList(0, slot.path().size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = slot.path().getLast();
        String marker = RAW + "0";
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, JsonNodeFactory.instance.stringNode(marker));
        }
        else {
            ((ObjectNode) parent).put((String) last, marker);
        }
        return json.writeValueAsString(copy).replace(HostileValues.jsonString(marker).replace("\u0001", "\\u0001"),
                rawLiteral);
    }

    private String removed(JsonNode base, Slot slot) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = copy;
        for (Object step : slot.path().subList(0, slot.path().size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        if (parent instanceof ObjectNode object) {
            object.remove((String) slot.path().getLast());
        }
        return json.writeValueAsString(copy);
    }

    private String withExtra(JsonNode base, String name, String value) {
        ObjectNode copy = ((ObjectNode) base).deepCopy();
        copy.put(name, value);
        return json.writeValueAsString(copy);
    }

    /** The body with its first property replaced by thousands of nested arrays or objects. */
    private String nested(JsonNode base, String open) {
        int depth = HostileValues.DEEP_NESTING;
        String inner = open.equals("[") ? "[".repeat(depth) + "1" + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        if (base.isObject() && !base.isEmpty()) {
            ObjectNode copy = ((ObjectNode) base).deepCopy();
            String first = copy.propertyNames().iterator().next();
            copy.put(first, RAW + "n");
            return json.writeValueAsString(copy).replace("\"\\u0001raw:n\"", inner);
        }
        return inner;
    }

    // ---- schemas ----

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asString();
            current = document.at(ref.substring(1));
        }
        if (current != null && current.has("allOf")) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            merged.put("type", "object");
            for (JsonNode part : current.get("allOf")) {
                JsonNode resolved = resolve(part);
                if (resolved.has("properties")) {
                    properties.setAll((ObjectNode) resolved.get("properties"));
                }
                resolved.path("required").forEach(required::add);
            }
            return merged;
        }
        if (current != null && (current.has("oneOf") || current.has("anyOf"))) {
            JsonNode options = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
            return options.isEmpty() ? current : resolve(options.get(0));
        }
        return current == null || current.isMissingNode() ? JsonNodeFactory.instance.objectNode() : current;
    }

    private JsonNode properties(JsonNode schema) {
        return resolve(schema).path("properties");
    }

    private Set<String> required(JsonNode schema) {
        Set<String> required = new LinkedHashSet<>();
        resolve(schema).path("required").forEach(name -> required.add(name.asString()));
        return required;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!option.asString().equals("null")) {
                    return option.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static boolean isNumeric(JsonNode schema) {
        String type = typeOf(schema);
        return type.equals("integer") || type.equals("number");
    }

    private static boolean isText(JsonNode schema) {
        return typeOf(schema).equals("string") && !schema.has("properties");
    }

    /** A valid-looking value for a schema: its example, its first enum value, else something of its type. */
    private JsonNode example(JsonNode raw, int depth) {
        JsonNode schema = resolve(raw);
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (typeOf(schema)) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                if (depth < 6) {
                    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                        if (knownValues.containsKey(property.getKey())) {
                            object.put(property.getKey(), knownValues.get(property.getKey()));
                        }
                        else if (!resolve(property.getValue()).path("readOnly").asBoolean(false)) {
                            object.set(property.getKey(), example(property.getValue(), depth + 1));
                        }
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                if (depth < 6) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> nodes.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> nodes.numberNode(Math.max(1.0, schema.path("minimum").asDouble(1)));
            case "boolean" -> nodes.booleanNode(true);
            default -> nodes.stringNode(plausibleText("", schema));
        };
    }

    private String plausibleText(String name, JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("example")) {
            return resolved.get("example").asString();
        }
        if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
            return resolved.get("enum").get(0).asString();
        }
        return switch (resolved.path("format").asString("")) {
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            case "uuid" -> new java.util.UUID(seed, name.hashCode()).toString();
            case "email" -> "hostile@example.com";
            case "uri", "url" -> "https://example.com/hook";
            default -> switch (typeOf(resolved)) {
                case "integer", "number" -> "1";
                case "boolean" -> "true";
                default -> {
                    int min = resolved.path("minLength").asInt(0);
                    String text = "hostile";
                    yield text.length() >= min ? text : text + "x".repeat(min - text.length());
                }
            };
        };
    }

    /** A valid-looking id nobody has: the known value's shape with other characters, or the schema's. */
    private String unknownId(Parameter parameter) {
        String known = knownValues.get(parameter.name());
        if (known != null) {
            StringBuilder unknown = new StringBuilder(known);
            Random random = new Random(seed ^ parameter.name().hashCode());
            // keep a prefix such as pi_ or mer_, so the id still looks like one of its kind
            for (int i = Math.max(known.lastIndexOf('_') + 1, known.length() - 8); i < known.length(); i++) {
                char c = known.charAt(i);
                if (Character.isDigit(c)) {
                    unknown.setCharAt(i, (char) ('0' + random.nextInt(10)));
                }
                else if (Character.isLetter(c)) {
                    unknown.setCharAt(i, (char) ((Character.isUpperCase(c) ? 'A' : 'a') + random.nextInt(6)));
                }
            }
            return unknown.toString().equals(known) ? known + "0" : unknown.toString();
        }
        JsonNode schema = resolve(parameter.schema());
        if (isNumeric(schema)) {
            return "987654321";
        }
        if (schema.path("format").asString("").equals("uuid")) {
            return new java.util.UUID(seed, 42).toString();
        }
        return "unknown_" + Long.toHexString(new Random(seed).nextLong());
    }

    private static String abbreviate(String value) {
        String printable = value.replace("\u0000", "\\0");
        return printable.length() > 40 ? printable.substring(0, 20) + "...(" + printable.length() + " chars)"
                : printable;
    }
}
