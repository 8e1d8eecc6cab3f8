package com.mpac.mobilepay.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mpac.mobilepay.error.PosError;

/**
 * What every POS route shares, written once into the OpenAPI document: the {@code accessToken} + {@code bioCode}
 * query parameters (where the route needs them), the error body, and XML as an alternative to JSON.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final Set<String> NO_TOKEN = Set.of("/api/pos/manage/token", "/api/pos/manage/token/reset");

    @Bean
    OpenApiCustomizer posApiCustomizer() {
        return openApi -> {
            Map<String, Schema> error = ModelConverters.getInstance().read(PosError.class);
            error.forEach(openApi.getComponents()::addSchemas);
            Schema<?> errorRef = new Schema<>().$ref("#/components/schemas/Error");
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/pos/")) {
                    return;
                }
                boolean authenticated = !NO_TOKEN.contains(path) && !path.startsWith("/api/pos/sandbox/")
                        && !path.startsWith("/api/pos/qrcode/");
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    Operation operation = entry.getValue();
                    if (authenticated) {
                        operation.addParametersItem(new Parameter().in("query").name("accessToken")
                                .required(entry.getKey() != PathItem.HttpMethod.POST)
                                .description("The merchant's long-lived access token (for POST: here or in the body)")
                                .schema(new StringSchema()));
                        operation.addParametersItem(new Parameter().in("query").name("bioCode")
                                .required(entry.getKey() != PathItem.HttpMethod.POST)
                                .description("The merchant's MobilePay bioCode (for POST: here or in the body)")
                                .schema(new StringSchema()));
                    }
                    operation.getResponses().values().forEach(response -> {
                        if (response.getContent() != null && response.getContent().get("*/*") != null) {
                            MediaType body = response.getContent().remove("*/*");
                            response.getContent().addMediaType("application/json", body);
                            response.getContent().addMediaType("application/xml", body);
                        }
                    });
                    Content errorContent = new Content()
                            .addMediaType("application/json", new MediaType().schema(errorRef))
                            .addMediaType("application/xml", new MediaType().schema(errorRef));
                    for (var status : List.of("400", "401", "404", "409", "422")) {
                        operation.getResponses().addApiResponse(status, new ApiResponse()
                                .description(describe(status)).content(errorContent));
                    }
                }
            });
        };
    }

    private static String describe(String status) {
        return switch (status) {
            case "400" -> "InvalidParameter: a parameter is missing, malformed or out of range";
            case "401" -> "Unauthorized: the accessToken and bioCode pair is wrong";
            case "404" -> "Not found (or another merchant's): MerchantNotFound, TerminalNotFound, PosNotFound, "
                    + "StoreNotFound, PaymentNotFound, RefundNotFound";
            case "409" -> "Conflict with the current state: AccessTokenAlreadyExists, PosAlreadyExists, "
                    + "ActivePaymentExists, InvalidPaymentState, PaymentNotPrepared, InvalidRefundState";
            default -> "AmountExceedsReserved, RefundExceedsRemaining";
        };
    }
}
