package com.mpac.mobilepay.error;

import com.fasterxml.jackson.annotation.JsonRootName;
import io.swagger.v3.oas.annotations.media.Schema;

/** Every error of the MobilePay POS API, in JSON or (with {@code Accept: application/xml}) XML. */
@JsonRootName("Error")
@Schema(name = "Error", description = "An error: a stable code and a human-readable message.")
public record PosError(
        @Schema(description = "Machine-readable code", example = "InvalidPaymentState") String code,
        @Schema(description = "What went wrong", example = "The payment is CancelledByClient; it can only be captured when Reserved.") String message) {

    public static PosError of(PosErrorCode code, String message) {
        return new PosError(code.name(), message);
    }
}
