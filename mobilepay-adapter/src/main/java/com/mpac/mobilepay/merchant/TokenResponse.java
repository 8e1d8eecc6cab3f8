package com.mpac.mobilepay.merchant;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonRootName;
import io.swagger.v3.oas.annotations.media.Schema;

/** A newly created or reset merchant access token: shown once, stored only as a hash. */
@JsonRootName("AccessToken")
@Schema(name = "AccessToken")
record TokenResponse(String bioCode,
        @Schema(description = "The long-lived token; send it as accessToken with every call") String accessToken,
        OffsetDateTime createdAt) {

    @Override
    public String toString() {
        return "TokenResponse[" + bioCode + ", " + createdAt + "]";
    }
}
