package com.mpac.mia.terminal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mia.config.MiaProperties;

@RestController
@Tag(name = "Operator Authorization", description = "Seller login on an activated terminal; tokens travel as "
        + "Authorization: Bearer.")
class SellerController {

    private final SellerSessions sessions;
    private final MiaProperties properties;

    SellerController(SellerSessions sessions, MiaProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    record LoginRequest(@NotNull UUID terminalActivationId, @NotBlank @Size(max = 320) String username,
            @NotBlank @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "LoginRequest[" + terminalActivationId + "]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken, @NotNull UUID terminalActivationId) {
    }

    record LogoutRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record TokensResponse(String result, SellerSessions.AuthTokens authTokens) {
    }

    record ResultResponse(String result) {
    }

    record SellerInfoResponse(String result, SellerInfo sellerInfo, TerminalInfo terminalInfo,
            MerchantInfo merchantInfo, PlaceInfo placeInfo, BankInfo bankInfo) {
    }

    record SellerInfo(long id, String fullName) {
    }

    record TerminalInfo(String terminalId, long posId) {
    }

    record MerchantInfo(String merchantName, String merchantIdno) {
    }

    record PlaceInfo(String name, String address) {
    }

    record BankInfo(String bankName, String image, String userGuideUrl, String supportPhone, String supportEmail) {
    }

    @PostMapping("/pos/api/v1/seller/login")
    @Operation(summary = "Seller login", description = "username is the email of a cashier or store manager of the "
            + "terminal's store in svc-portal; the password is checked by svc-portal (no MFA on the POS). Wrong "
            + "credentials answer 401 invalid_credentials; accessTokenExpiresIn is in seconds.")
    TokensResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return new TokensResponse("success",
                sessions.login(request.terminalActivationId(), request.username(), request.password(),
                        http.getRemoteAddr()));
    }

    @PostMapping("/pos/api/v1/seller/refresh")
    @Operation(summary = "Refresh the token pair", description = "Rotating: the refresh token used stops working.")
    TokensResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return new TokensResponse("success", sessions.refresh(request.refreshToken(), request.terminalActivationId()));
    }

    @PostMapping("/pos/api/v1/seller/logout")
    @Operation(summary = "Seller logout", description = "Ends the session of this refresh token (both tokens).")
    ResultResponse logout(@Valid @RequestBody LogoutRequest request) {
        sessions.logout(request.refreshToken());
        return new ResultResponse("success");
    }

    @GetMapping("/pos/api/v1/seller/info")
    @Operation(summary = "Seller session info", description = "The seller (fullName is their email: the portal "
            + "shares no name), terminal, merchant, place (the store) and the bank's support details.")
    SellerInfoResponse info(@RequestHeader(name = "Authorization", required = false) String authorization) {
        Seller seller = sessions.authenticate(authorization);
        MiaProperties.Bank bank = properties.bank();
        return new SellerInfoResponse("success", new SellerInfo(seller.sellerId(), seller.email()),
                new TerminalInfo(seller.terminal().miaTerminalId(), seller.terminal().posId()),
                new MerchantInfo(seller.terminal().merchantName(), seller.terminal().idno()),
                new PlaceInfo(seller.terminal().storeName(), seller.terminal().storeName()),
                new BankInfo(bank.name(), bank.image(), bank.userGuideUrl(), bank.supportPhone(),
                        bank.supportEmail()));
    }
}
