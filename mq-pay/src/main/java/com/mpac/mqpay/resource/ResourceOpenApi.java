package com.mpac.mqpay.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CRUD answers are built from each resource's field whitelist (a map per row), which springdoc cannot see; this
 * documents them from the same whitelist, so the OpenAPI row schemas are exactly the fields a row has.
 */
@Configuration(proxyBeanMethods = false)
class ResourceOpenApi {

    private static final String BASE = "/api/mq-pay/";
    private static final String JSON = "application/json";

    /** Base path segment, schema name, resource. */
    private static final List<Documented> RESOURCES = List.of(
            new Documented("transactions", "Transaction", Resource.TRANSACTIONS,
                    "A transaction: one per merchant and source (type + id)."),
            new Documented("payment-attempts", "PaymentAttempt", Resource.PAYMENT_ATTEMPTS,
                    "A payment attempt (type 100_PAYMENT), or a cancel (200_CANCEL_PAYMENT) or refund "
                            + "(300_REFUND_PAYMENT) record of one, with parentId."),
            new Documented("payment-results", "PaymentResult", Resource.PAYMENT_RESULTS,
                    "What a provider (PROVIDER_IPN), a cashier (SYSTEM_IPN), a refund (REFUND) or the merchant "
                            + "(MANUAL) reported."),
            new Documented("transaction-items", "TransactionItem", Resource.TRANSACTION_ITEMS,
                    "A line item of a transaction; amount = quantity x unitPrice."));

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("Transaction.status",
                    "100_NEW, 300_PARTIAL, 304_SETTLED, 505_CANCELLED, 403_BLOCKED, 404_CLOSED"),
            Map.entry("Transaction.refunded", "What went back by refunds; paid stays what was collected (choice)"),
            Map.entry("PaymentAttempt.status", "100_NEW, 204_SENT, 302_SUCCESS, 500_FAIL, 501_EXPIRED, 505_CANCELLED "
                    + "(505_CANCELLED for attempts is a choice: the seed has no cancelled attempt status)"),
            Map.entry("PaymentAttempt.type", "100_PAYMENT, 200_CANCEL_PAYMENT or 300_REFUND_PAYMENT"),
            Map.entry("PaymentAttempt.provider", "VNPAY_QR_MMS or SYSTEM (cash; the name is a choice)"),
            Map.entry("PaymentAttempt.method", "100_QR_CODE or 200_CASH (choice)"),
            Map.entry("PaymentResult.kind", "PROVIDER_IPN, SYSTEM_IPN, REFUND or MANUAL (choice)"),
            Map.entry("PaymentResult.outcome", "APPLIED, FAILED, LATE, AMOUNT_MISMATCH or RECORDED (choice)"),
            Map.entry("PaymentResult.providerReference", "VNPAY's qrTrace for a PROVIDER_IPN result"),
            Map.entry("PaymentResult.reviewReason", "Provider money recorded but not applied, for an operator: "
                    + "LATE_PAYMENT, AMOUNT_MISMATCH or PAID_AFTER_DELETE; null when nothing needs review (choice)"));

    private record Documented(String path, String schemaName, Resource resource, String description) {
    }

    @Bean
    OpenApiCustomizer resourceRowSchemas() {
        return openApi -> {
            for (Documented documented : RESOURCES) {
                openApi.getComponents().addSchemas(documented.schemaName(), rowSchema(documented));
                Schema<?> row = new Schema<>().$ref("#/components/schemas/" + documented.schemaName());
                Schema<?> rows = typed("array", null).items(row);
                String base = BASE + documented.path();
                answer(openApi, base, PathItem.HttpMethod.GET, rows, "The rows matching the filter");
                answer(openApi, base, PathItem.HttpMethod.POST, row, "The created row");
                answer(openApi, base + "/{id}", PathItem.HttpMethod.GET, row, "The row");
                answer(openApi, base + "/{id}", PathItem.HttpMethod.PATCH, row, "The updated row (choice: LoopBack "
                        + "answers 204)");
                answer(openApi, base + "/count", PathItem.HttpMethod.GET,
                        typed("object", null).addProperty("count", typed("integer", "int64")), "How many rows match");
            }
        };
    }

    private static Schema<?> rowSchema(Documented documented) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (ResourceField field : documented.resource().fields()) {
            Schema<?> property = switch (field.type()) {
                case UUID -> typed("string", "uuid");
                case TEXT -> typed("string", null);
                case AMOUNT -> typed("string", null).pattern("^-?[0-9]+\\.[0-9]{4}$")
                        .description("VND amount as a 4-decimal string, e.g. \"100000.0000\"");
                case INTEGER -> typed("integer", "int32");
                case TIMESTAMP -> typed("string", "date-time");
            };
            String description = DESCRIPTIONS.get(documented.schemaName() + "." + field.name());
            if (description != null) {
                property.description(description);
            }
            properties.put(field.name(), property);
        }
        return typed("object", null).description(documented.description()).properties(properties);
    }

    private static void answer(OpenAPI openApi, String path, PathItem.HttpMethod method, Schema<?> schema,
            String description) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation == null) {
            return;
        }
        operation.getResponses().addApiResponse("200", new ApiResponse().description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(schema))));
    }

    /** Sets the type both ways, so the schema reads the same in OpenAPI 3.0 and 3.1 output. */
    private static Schema<Object> typed(String type, String format) {
        Schema<Object> schema = new Schema<>();
        schema.type(type);
        schema.types(Set.of(type));
        return format == null ? schema : schema.format(format);
    }
}
