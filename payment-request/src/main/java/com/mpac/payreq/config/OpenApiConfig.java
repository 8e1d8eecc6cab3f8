package com.mpac.payreq.config;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mpac.payreq.paymentrequest.WebSocketTokens;

/**
 * The Payment Request API's Basic credentials, and the routes springdoc cannot see (the WebSocket endpoint and the
 * hosted page's static assets), written into the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "Username '{CustomerCode}/{Username}' (the merchant's Magensa customer code and an API user "
                + "created in svc-portal), the API user's password. Any failure is a bare 401.")
class OpenApiConfig {

    @Bean
    OpenApiCustomizer webSocketAndAssetRoutes() {
        return openApi -> {
            Operation webSocket = new Operation().addTagsItem("WebSocket updates")
                    .summary("Real-time updates of one payment request (WebSocket)")
                    .description("Upgrade to a WebSocket with the webSocketToken POST answered. First message: "
                            + "{\"type\":\"connected\",\"paymentRequestID\",\"currentUsageCount\",\"usageCountLimit\","
                            + "\"status\"}; then one {\"type\":\"transaction\",\"paymentRequestID\",\"transactionID\","
                            + "\"result\":\"APPROVED|DECLINED\",\"paymentMethod\",\"amount\",\"taxAmount\",\"tipAmount\","
                            + "\"totalAmount\",\"maskedPAN\",\"cardBrand\",\"processorReference\",\"declineReason\","
                            + "\"currentUsageCount\",\"usageCountLimit\",\"status\"} per payment on the hosted page, "
                            + "after it committed. Messages from the client are ignored.")
                    .addParametersItem(new Parameter().in("query").name("token").required(true)
                            .description("The request's webSocketToken").schema(new StringSchema()))
                    .responses(new ApiResponses()
                            .addApiResponse("101", new ApiResponse().description("Switching to the WebSocket"))
                            .addApiResponse("401", new ApiResponse().description("Missing or unknown token")));
            openApi.path(WebSocketTokens.PATH, new PathItem().get(webSocket));
            for (String asset : new String[] { "/pay/assets/payment-page.js", "/pay/assets/payment-page.css" }) {
                String type = asset.endsWith(".js") ? "text/javascript" : "text/css";
                openApi.path(asset, new PathItem().get(new Operation().addTagsItem("Hosted payment page")
                        .summary("The hosted page's own " + (asset.endsWith(".js") ? "script" : "stylesheet"))
                        .description("Pinned in the page with Subresource Integrity (sha384 of these bytes).")
                        .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description(asset)
                                .content(new Content().addMediaType(type,
                                        new MediaType().schema(new StringSchema())))))));
            }
        };
    }
}
