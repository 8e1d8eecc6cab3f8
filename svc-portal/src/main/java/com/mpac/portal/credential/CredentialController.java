package com.mpac.portal.credential;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.contracts.hmac.HmacAuthentication;
import com.mpac.portal.registry.StrictRequest;

@RestController
@Tag(name = "S2S credential check", description = "For platform services that log a store's staff in on their "
        + "own terms (mia-pos-gateway's seller login). HMAC-signed with an allow-listed platform key.")
class CredentialController {

    static final String PATH = "/api/v1/s2s/credentials/verify";

    private final CredentialService credentials;

    CredentialController(CredentialService credentials) {
        this.credentials = credentials;
    }

    /**
     * An email and password to check; {@code storeId} when the caller knows which store the login is for;
     * {@code clientAddress} the address the end user called the service from, so throttling can tell end users
     * apart (without it, all of a service's failures share one budget).
     */
    record VerifyRequest(
            @NotBlank @Size(max = 320) String email,
            @NotNull @Size(max = 1024) String password,
            @Size(max = 64) String storeId,
            @Size(max = 64) @Pattern(regexp = "[0-9A-Fa-f:.]+") String clientAddress) implements StrictRequest {

        @Override
        public String toString() {
            return "VerifyRequest[" + storeId + "]";
        }
    }

    /** Who the user is and their roles at their store; never the password hash. */
    record VerifiedUser(String userId, String email, String storeId, String merchantId, String pspId,
            List<String> roles) {
    }

    @PostMapping(PATH)
    @Operation(summary = "Verify a store user's credentials", description = "Answers the user and their store "
            + "roles for an active store manager or cashier of an active store (and of storeId, when given). Every "
            + "other case (unknown email, wrong password, disabled user, another level, another store) answers the "
            + "same 401 invalid_credentials. Throttled like login, per account (the same budget as the portal's own "
            + "login) and per calling service (and clientAddress): 429 with Retry-After.")
    VerifiedUser verify(@Valid @RequestBody VerifyRequest request) {
        HmacAuthentication caller = (HmacAuthentication) SecurityContextHolder.getContext().getAuthentication();
        return credentials.verify(caller.caller().id(), request);
    }
}
