package com.mpac.payreq.error;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The API's error body ({@code PaymentRequestListError} in the seed; the same shape for every route): the call's
 * {@code magTranID}, a stable {@code errorCode} and a message for people.
 */
@Schema(name = "PaymentRequestListError", description = "Error body of every Payment Request API route but 401, "
        + "which is bare.")
public record PaymentRequestError(
        @JsonProperty("magTranID") @Schema(description = "This call's id, also in the service log") String magTranID,
        @JsonProperty("errorCode") ErrorCode errorCode,
        @JsonProperty("errorMessage") String errorMessage) {

    public static PaymentRequestError of(ErrorCode code, String message) {
        return new PaymentRequestError(UUID.randomUUID().toString(), code, message);
    }
}
