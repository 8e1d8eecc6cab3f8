package com.mpac.mobilepay.merchant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


@RestController
@Tag(name = "PointOfSalesManagement")
class TokenController {

    private final AccessTokens tokens;

    TokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/api/pos/manage/token")
    @Operation(summary = "Create the merchant access token",
            description = "Creates a long-lived accessToken for the bioCode, only when the merchant has none "
                    + "(otherwise 409 AccessTokenAlreadyExists). The token is shown once; only its hash is kept.")
    TokenResponse create(@RequestParam String bioCode) {
        return tokens.create(bioCode);
    }

    @PostMapping("/api/pos/manage/token")
    @Operation(summary = "Create the merchant access token (POST)", description = "As the GET form; body {bioCode}.")
    TokenResponse createByPost(@RequestBody TokenRequest request) {
        return tokens.create(request.bioCode());
    }

    @GetMapping("/api/pos/manage/token/reset")
    @Operation(summary = "Reset the merchant access token",
            description = "Replaces the token; the previousAccessToken must be the current one (else 401).")
    TokenResponse reset(@RequestParam String bioCode, @RequestParam String previousAccessToken) {
        return tokens.reset(bioCode, previousAccessToken);
    }
}
