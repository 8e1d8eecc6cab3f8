package com.mpac.payreq.paymentrequest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/** What the API answers, with the seed's field names. */
final class PaymentRequestResponses {

    private PaymentRequestResponses() {
    }

    @Schema(name = "PaymentRequestSummaryListInfo")
    @JsonPropertyOrder({ "magTranID", "totalRecordsAvailable", "requests" })
    record SummaryList(@JsonProperty("magTranID") String magTranID,
            @JsonProperty("totalRecordsAvailable") long totalRecordsAvailable,
            @JsonProperty("requests") List<Summary> requests) {
    }

    @Schema(name = "PaymentRequestSummary")
    @JsonPropertyOrder({ "paymentRequestID", "transactionType", "customerTranID", "customerTranRef", "amount",
            "usageCountLimit", "currentUsageCount", "isEnabled", "dateCreated", "activationDate", "expirationDate",
            "status" })
    record Summary(@JsonProperty("paymentRequestID") String paymentRequestID,
            @JsonProperty("transactionType") int transactionType,
            @JsonProperty("customerTranID") String customerTranID,
            @JsonProperty("customerTranRef") String customerTranRef,
            @JsonProperty("amount") @JsonSerialize(using = WireMoney.class) BigDecimal amount,
            @JsonProperty("usageCountLimit") int usageCountLimit,
            @JsonProperty("currentUsageCount") int currentUsageCount,
            @JsonProperty("isEnabled") boolean isEnabled,
            @JsonProperty("dateCreated") @Schema(example = "2022-04-18T00:43:41.687+00:00") String dateCreated,
            @JsonProperty("activationDate") @Schema(example = "2022-04-18T07:43:12.313") String activationDate,
            @JsonProperty("expirationDate") @Schema(example = "2022-06-17T07:43:12.313") String expirationDate,
            @JsonProperty("status") @Schema(description = "0 disabled, 1 not yet active, 2 active, 3 expired, "
                    + "4 used up") int status) {
    }

    @Schema(name = "PaymentRequestCreated")
    @JsonPropertyOrder({ "magTranID", "paymentRequestID", "paymentURL", "webSocketToken", "webSocketURL", "qrCode" })
    record Created(@JsonProperty("magTranID") String magTranID,
            @JsonProperty("paymentRequestID") String paymentRequestID,
            @JsonProperty("paymentURL") @Schema(description = "The hosted payment page") String paymentURL,
            @JsonProperty("webSocketToken") @Schema(description = "Connects a WebSocket client to this request's "
                    + "updates") String webSocketToken,
            @JsonProperty("webSocketURL") @Schema(description = "Where to connect, token included")
            String webSocketURL,
            @JsonProperty("qrCode") @Schema(description = "The payment URL as a QR code: a PNG data URL "
                    + "(data:image/png;base64,...)") String qrCode) {
    }

    @Schema(name = "PaymentRequestInfo")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "magTranID", "paymentRequestID", "transactionType", "customerTranID", "customerTranRef",
            "amount", "taxAmount", "taxPercent", "additionalInfo", "miscData", "processorName", "promptForTax",
            "promptForTips", "termsAndTransactionInfo", "usageCountLimit", "currentUsageCount", "isEnabled",
            "dateCreated", "activationDate", "expirationDate", "status", "paymentURL", "webSocketToken",
            "webSocketURL", "transactions", "totalTransactions" })
    record Info(@JsonProperty("magTranID") String magTranID,
            @JsonProperty("paymentRequestID") String paymentRequestID,
            @JsonProperty("transactionType") int transactionType,
            @JsonProperty("customerTranID") String customerTranID,
            @JsonProperty("customerTranRef") String customerTranRef,
            @JsonProperty("amount") @JsonSerialize(using = WireMoney.class) BigDecimal amount,
            @JsonProperty("taxAmount") @JsonSerialize(using = WireMoney.class) BigDecimal taxAmount,
            @JsonProperty("taxPercent") @JsonSerialize(using = WireMoney.class) BigDecimal taxPercent,
            @JsonProperty("additionalInfo") JsonNode additionalInfo,
            @JsonProperty("miscData") String miscData,
            @JsonProperty("processorName") String processorName,
            @JsonProperty("promptForTax") boolean promptForTax,
            @JsonProperty("promptForTips") boolean promptForTips,
            @JsonProperty("termsAndTransactionInfo") String termsAndTransactionInfo,
            @JsonProperty("usageCountLimit") int usageCountLimit,
            @JsonProperty("currentUsageCount") int currentUsageCount,
            @JsonProperty("isEnabled") boolean isEnabled,
            @JsonProperty("dateCreated") String dateCreated,
            @JsonProperty("activationDate") String activationDate,
            @JsonProperty("expirationDate") String expirationDate,
            @JsonProperty("status") int status,
            @JsonProperty("paymentURL") String paymentURL,
            @JsonProperty("webSocketToken") String webSocketToken,
            @JsonProperty("webSocketURL") String webSocketURL,
            @JsonProperty("transactions") @Schema(description = "The latest 100 payments, oldest first")
            List<Transaction> transactions,
            @JsonProperty("totalTransactions") @Schema(description = "How many payments the request has had")
            long totalTransactions) {
    }

    @Schema(name = "PaymentTransaction", description = "A payment made on the hosted page (approved or declined)")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Transaction(@JsonProperty("transactionID") String transactionID,
            @JsonProperty("result") @Schema(allowableValues = { "APPROVED", "DECLINED" }) String result,
            @JsonProperty("paymentMethod") @Schema(allowableValues = { "CARD", "WALLET" }) String paymentMethod,
            @JsonProperty("amount") @JsonSerialize(using = WireMoney.class) BigDecimal amount,
            @JsonProperty("taxAmount") @JsonSerialize(using = WireMoney.class) BigDecimal taxAmount,
            @JsonProperty("tipAmount") @JsonSerialize(using = WireMoney.class) BigDecimal tipAmount,
            @JsonProperty("totalAmount") @JsonSerialize(using = WireMoney.class) BigDecimal totalAmount,
            @JsonProperty("maskedPAN") @Schema(description = "First six and last four digits", example =
                    "411111******1111") String maskedPAN,
            @JsonProperty("cardBrand") String cardBrand,
            @JsonProperty("processorReference") String processorReference,
            @JsonProperty("declineReason") String declineReason,
            @JsonProperty("dateCreated") String dateCreated) {
    }
}
