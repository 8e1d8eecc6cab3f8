package com.mpac.mqpay.config;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mqpay.error.ErrorEnvelope;

/**
 * The OpenAPI document's frame: what mq-pay is, the choices it made where the seed is silent, and the S2S HMAC
 * scheme every merchant route requires (the public IPN, QR image and sandbox routes excepted).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String HMAC = "mpacHmac";

    private static final String DESCRIPTION = """
            The MQ-Pay API (VNPAY-QR checkout, IPN, cancel, verify, refund and the filterable CRUD resources) \
            under /api/mq-pay, as the MQ-Pay API reference describes it. Errors answer \
            {"error":{"code","message"}}; amounts in answers are 4-decimal strings.

            Choices where the reference is silent (the README's "choice" notes):
            - Authentication: the platform's S2S HMAC v1 (scheme mpacHmac); failures answer 401 UNAUTHORIZED.
            - HTTP status of each error code: 400 validation and filters, 404 not found (another merchant's ids \
            too), 409 state conflicts, 422 amount rules, a provider not configured and a reused Idempotency-Key.
            - Providers and methods: VNPAY_QR_MMS + 100_QR_CODE, SYSTEM + 200_CASH (cash).
            - payment.amount (optional) in a checkout: the attempt's part of the total (split tender).
            - Attempt status 505_CANCELLED for a cancelled attempt; 500_FAIL when VNPAY reports a failed payment.
            - 403_BLOCKED: late or mismatched VNPAY money on an open transaction; a settled, cancelled or closed \
            one keeps its status and the payment result is flagged (reviewReason).
            - 404_CLOSED: a settled transaction refunded in full. Cancelling a transaction (transactionId): \
            505_CANCELLED; cancelling one attempt keeps the transaction's status.
            - VNPAY IPN route POST /api/mq-pay/payments/vnpay/ipn with VNPAY-QR's MD5 checksum; response codes \
            04 (late) and 99 (malformed) are mq-pay's.
            - CRUD PATCH answers 200 with the row (LoopBack answers 204); payment result and transaction item \
            fields as in their schemas.""";

    @Bean
    OpenApiCustomizer hmacSecurity() {
        return openApi -> {
            openApi.info(new Info().title("mq-pay — MQ-Pay API").version("v1").description(DESCRIPTION));
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            openApi.getComponents().addSecuritySchemes(HMAC, new SecurityScheme()
                    .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-MPAC-Signature")
                    .description("""
                            S2S HMAC v1 (PLATFORM.md). Send X-MPAC-Key-Id (the API key id, mpk_...), \
                            X-MPAC-Timestamp (unix seconds, within 300 s), X-MPAC-Nonce (a UUIDv4, never reused) and \
                            X-MPAC-Signature: "v1=" + lowercase hex HMAC-SHA256(secret, METHOD + "\\n" + raw path + \
                            "\\n" + canonical query (sorted, RFC 3986-encoded name=value joined by &) + "\\n" + \
                            timestamp + "\\n" + nonce + "\\n" + lowercase hex SHA-256 of the raw body). Failures \
                            answer 401 {"error":{"code":"UNAUTHORIZED"}}."""));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (isSigned(path)) {
                    item.readOperations().forEach(operation -> operation.setSecurity(
                            List.of(new SecurityRequirement().addList(HMAC))));
                }
            });
        };
    }

    private static boolean isSigned(String path) {
        if (path.equals(MerchantConfiguration.PATH)) {
            return true;
        }
        return path.startsWith(ErrorEnvelope.API_PREFIX + "/") && !path.equals(ErrorEnvelope.API_PREFIX
                + "/payments/vnpay/ipn") && !path.startsWith(ErrorEnvelope.API_PREFIX + "/payments/qr/")
                && !path.startsWith(ErrorEnvelope.API_PREFIX + "/sandbox/");
    }
}
