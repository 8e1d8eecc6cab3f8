package com.mpac.payreq.paymentrequest;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST} and {@code PUT /api/PaymentRequest}, field for field as the seed's examples. */
@Schema(name = "PaymentRequest", description = "A payment request as the merchant creates or replaces it.")
record PaymentRequestBody(
        @JsonProperty("transactionType") @Schema(description = "1 = sale (the seed's example), 2 = authorization "
                + "only; default 1", example = "1") Integer transactionType,
        @JsonProperty("customerTranID") @Schema(description = "The merchant's id for it, up to 100 characters",
                example = "123456") String customerTranID,
        @JsonProperty("customerTranRef") @Schema(description = "The merchant's reference, up to 100 characters",
                example = "Reference") String customerTranRef,
        @JsonProperty("amount") @Schema(description = "Required; > 0, at most the currency's decimals (USD: 2); "
                + "amount + taxAmount (+ amount as the largest tip with promptForTips) at most 999999999999.99",
                example = "100.0") BigDecimal amount,
        @JsonProperty("taxAmount") @Schema(description = ">= 0, at most amount; default 0. When 0 and taxPercent is "
                + "set, the tax is taxPercent of amount, rounded half up; when both are set they must agree",
                example = "5.0") BigDecimal taxAmount,
        @JsonProperty("taxPercent") @Schema(description = "0 to 100, up to 3 decimals; default 0",
                example = "5.0") BigDecimal taxPercent,
        @JsonProperty("additionalInfo") @Schema(description = "A JSON array (up to 50 items) kept and answered "
                + "as given; default []") JsonNode additionalInfo,
        @JsonProperty("miscData") @Schema(description = "Free text up to 1000 characters") String miscData,
        @JsonProperty("processorName") @Schema(description = "Up to 100 characters; the sandbox processes every "
                + "name") String processorName,
        @JsonProperty("promptForTax") @Schema(description = "The hosted page shows the tax as its own line and "
                + "adds it to the total; when false the amount is charged as it is (tax shown as included)")
        Boolean promptForTax,
        @JsonProperty("promptForTips") @Schema(description = "The hosted page asks the shopper for a tip")
        Boolean promptForTips,
        @JsonProperty("termsAndTransactionInfo") @Schema(description = "Shown on the hosted page, up to 4000 "
                + "characters") String termsAndTransactionInfo,
        @JsonProperty("usageCountLimit") @Schema(description = "How many payments it takes; 0 = unlimited; default "
                + "0", example = "0") Integer usageCountLimit,
        @JsonProperty("isEnabled") @Schema(description = "Default true") Boolean isEnabled,
        @JsonProperty("activationDate") @Schema(description = "ISO 8601; without an offset UTC; default now",
                example = "2024-01-01T00:00:00Z") String activationDate,
        @JsonProperty("expirationDate") @Schema(description = "ISO 8601, after activationDate; default 60 days "
                + "after it", example = "2048-12-31T23:59:59Z") String expirationDate) {
}
