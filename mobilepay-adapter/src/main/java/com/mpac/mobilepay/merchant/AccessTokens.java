package com.mpac.mobilepay.merchant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.id.Ids;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;

/**
 * The document's long-lived merchant access tokens: created once per bioCode, replaced only by presenting the
 * previous one, stored as SHA-256 hashes (the token is 200 random bits, so no slow hash is needed).
 */
@Service
public class AccessTokens {

    private final MerchantRepository merchants;

    AccessTokens(MerchantRepository merchants) {
        this.merchants = merchants;
    }

    /** The merchant whose bioCode and token these are; empty whichever half is wrong. */
    public Optional<PosCaller> authenticate(String bioCode, String accessToken) {
        return merchants.findActiveByBioCode(bioCode)
                .filter(m -> m.accessTokenHash() != null && MessageDigest.isEqual(
                        m.accessTokenHash().getBytes(StandardCharsets.US_ASCII),
                        hash(accessToken).getBytes(StandardCharsets.US_ASCII)))
                .map(m -> new PosCaller(m.merchantId(), bioCode));
    }

    @Transactional
    TokenResponse create(String bioCode) {
        requireBioCode(bioCode);
        String token = newToken();
        Optional<OffsetDateTime> created = merchants.setFirstToken(bioCode, hash(token));
        if (created.isPresent()) {
            return new TokenResponse(bioCode, token, created.get());
        }
        if (merchants.findActiveByBioCode(bioCode).isPresent()) {
            throw new PosException(PosErrorCode.AccessTokenAlreadyExists,
                    "This merchant already has an access token; reset it with the previous token.");
        }
        throw new PosException(PosErrorCode.MerchantNotFound,
                "No merchant with MobilePay enabled has this bioCode.");
    }

    @Transactional
    TokenResponse reset(String bioCode, String previousAccessToken) {
        requireBioCode(bioCode);
        if (previousAccessToken == null || previousAccessToken.isBlank()) {
            throw PosException.invalid("previousAccessToken is required to reset an access token.");
        }
        String token = newToken();
        return merchants.replaceToken(bioCode, hash(previousAccessToken), hash(token))
                .map(at -> new TokenResponse(bioCode, token, at))
                .orElseThrow(() -> new PosException(PosErrorCode.Unauthorized,
                        "The previousAccessToken and bioCode do not identify a merchant with MobilePay access."));
    }

    private static void requireBioCode(String bioCode) {
        if (bioCode == null || bioCode.isBlank() || bioCode.length() > 64) {
            throw PosException.invalid("bioCode is required (at most 64 characters).");
        }
    }

    private static String newToken() {
        return "mpt_" + Ids.random(40);
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
