package com.mpac.portal.device;

import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token endpoint is a filter of the authorization server, not a controller, so springdoc cannot see it; it is
 * described here so the OpenAPI document lists every portal route.
 */
@Configuration(proxyBeanMethods = false)
class DeviceTokenOpenApiConfig {

    @Bean
    OpenApiCustomizer deviceTokenEndpointDocumentation() {
        return openApi -> openApi.path(DeviceTokens.TOKEN_ENDPOINT, new PathItem().post(new Operation()
                .addTagsItem("Auth")
                .operationId("deviceToken")
                .summary("Device token (OAuth2 client_credentials)")
                .description("""
                        RFC 6749 token endpoint for terminals. Client authentication: client_secret_basic \
                        (Authorization: Basic base64(clientId:clientSecret)) or client_secret_post (client_id and \
                        client_secret form fields), with the credentials from POST /api/v1/device/provision/activate. \
                        Only grant_type=client_credentials; scope may be omitted or "pos". The access token is an \
                        RFC 9068 JWT (typ at+jwt, ES256) valid 15 minutes, verifiable with GET /api/v1/jwks/device: \
                        iss urn:mpac:portal:device, sub the terminal id, aud the platform services, client_id, \
                        psp_id, merchant_id, store_id, scope "pos", jti. No refresh token: ask again. A deactivated \
                        terminal (or one whose store, merchant or PSP is not active) gets invalid_client; tokens it \
                        already holds are not revoked and expire within 15 minutes. Errors use the OAuth2 error \
                        shape ({"error": "invalid_client"}), not problem documents.""")
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/x-www-form-urlencoded", new MediaType().schema(new ObjectSchema()
                                .addProperty("grant_type", new StringSchema()._enum(List.of("client_credentials")))
                                .addProperty("scope", new StringSchema()._enum(List.of(DeviceTokens.SCOPE)))
                                .addProperty("client_id", new StringSchema().description("client_secret_post only"))
                                .addProperty("client_secret",
                                        new StringSchema().description("client_secret_post only"))
                                .required(List.of("grant_type"))))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("Access token").content(new Content()
                                .addMediaType("application/json", new MediaType().schema(new ObjectSchema()
                                        .addProperty("access_token", new StringSchema())
                                        .addProperty("token_type", new StringSchema()._enum(List.of("Bearer")))
                                        .addProperty("expires_in", new IntegerSchema())
                                        .addProperty("scope", new StringSchema())))))
                        .addApiResponse("400", oauthError("unsupported_grant_type, invalid_request, invalid_scope"))
                        .addApiResponse("401", oauthError("invalid_client: unknown, wrong or deactivated")))));
    }

    private static ApiResponse oauthError(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new ObjectSchema().addProperty("error", new StringSchema())
                        .addProperty("error_description", new StringSchema()))));
    }
}
