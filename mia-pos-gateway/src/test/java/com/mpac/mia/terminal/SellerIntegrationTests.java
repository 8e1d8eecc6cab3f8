package com.mpac.mia.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Pos;
import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;
import com.mpac.mia.PortalStub;

import tools.jackson.databind.JsonNode;

class SellerIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldLogASellerInThroughThePortalAndShowTheSession() {
        int unsignedBefore = PortalStub.unsignedCalls();
        Session session = api().session();

        JsonNode info = api().ok(api().get(session, "/pos/api/v1/seller/info"));

        assertThat(PortalStub.unsignedCalls()).isEqualTo(unsignedBefore);
        assertThat(session.accessToken()).startsWith("mia_at_");
        assertThat(info.at("/sellerInfo/fullName").asString()).isEqualTo(session.pos().email());
        assertThat(info.at("/sellerInfo/id").asLong()).isPositive();
        assertThat(info.at("/terminalInfo/terminalId").asString()).isEqualTo(session.pos().miaTerminalId());
        assertThat(info.at("/terminalInfo/posId").asLong()).isPositive();
        assertThat(info.at("/merchantInfo/merchantIdno").asString()).isEqualTo(session.pos().idno());
        assertThat(info.at("/placeInfo/name").asString()).isEqualTo("Store Botanica");
        assertThat(info.at("/bankInfo/bankName").asString()).isEqualTo("MPAC Sandbox Bank");
        assertThat(jdbc.sql("SELECT count(*) FROM seller_session WHERE access_hash = :t")
                .param("t", session.accessToken()).query(Integer.class).single()).isZero();
    }

    /** Without the POS's address every MIA login failure would share one throttling budget at the portal. */
    @Test
    void shouldSendThePosCallersAddressToThePortalsCredentialCheck() {
        Session session = api().session();
        HttpResponse<String> wrong = api().login(session.activationId(), session.pos().email(), "wrong-password-1");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(PortalStub.clientAddressOf(session.pos().email())).isEqualTo("127.0.0.1");
        assertThat(PortalCredentials.address("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(PortalCredentials.address("fe80::1%eth0")).isNull();
        assertThat(PortalCredentials.address("1".repeat(65))).isNull();
        assertThat(PortalCredentials.address(null)).isNull();
    }

    @Test
    void shouldRotateTheRefreshTokenAndEndTheSessionOnLogout() {
        Session session = api().session();
        String refreshBody = "{\"refreshToken\":\"" + session.refreshToken() + "\",\"terminalActivationId\":\""
                + session.activationId() + "\"}";

        JsonNode refreshed = api().ok(api().postPublic("/pos/api/v1/seller/refresh", refreshBody)).get("authTokens");
        HttpResponse<String> reused = api().postPublic("/pos/api/v1/seller/refresh", refreshBody);
        HttpResponse<String> oldAccess = api().get(session, "/pos/api/v1/seller/info");
        Session renewed = new Session(session.pos(), session.activationId(), refreshed.get("accessToken").asString(),
                refreshed.get("refreshToken").asString());
        HttpResponse<String> newAccess = api().get(renewed, "/pos/api/v1/seller/info");
        api().ok(api().postPublic("/pos/api/v1/seller/logout",
                "{\"refreshToken\":\"" + renewed.refreshToken() + "\"}"));
        HttpResponse<String> afterLogout = api().get(renewed, "/pos/api/v1/seller/info");

        assertThat(refreshed.get("accessTokenExpiresIn").asLong()).isEqualTo(900);
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(oldAccess.statusCode()).isEqualTo(401);
        assertThat(newAccess.statusCode()).isEqualTo(200);
        assertThat(afterLogout.statusCode()).isEqualTo(401);
        assertThat(api().json(afterLogout).get("errorCode").asString()).isEqualTo("unauthorized");
    }

    @Test
    void shouldRefuseWrongPasswordsAndBadInput() {
        Pos pos = api().onboard();
        String activationId = api().activate(pos);

        HttpResponse<String> wrong = api().login(activationId, pos.email(), "nope");
        HttpResponse<String> blank = api().postPublic("/pos/api/v1/seller/login",
                "{\"terminalActivationId\":\"" + activationId + "\",\"username\":\"\",\"password\":\"x\"}");
        HttpResponse<String> noToken = api().send("GET", "/pos/api/v1/seller/info", null, Map.of());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(api().json(wrong).get("errorCode").asString()).isEqualTo("invalid_credentials");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM seller_session WHERE activation_id = CAST(:id AS uuid)")
                .param("id", activationId).query(Integer.class).single()).isZero();
    }

    @Test
    void shouldNotLetASellerOfAnotherStoreOrAPendingActivationIn() {
        Pos pos = api().onboard();
        Pos other = api().onboard();
        String activationId = api().activate(pos);
        String pending = api().ok(api().init(other)).get("terminalActivationId").asString();

        HttpResponse<String> otherSeller = api().login(activationId, other.email(), PortalStub.PASSWORD);
        HttpResponse<String> notActivated = api().login(pending, other.email(), PortalStub.PASSWORD);

        assertThat(otherSeller.statusCode()).isEqualTo(401);
        assertThat(notActivated.statusCode()).isEqualTo(404);
    }
}
