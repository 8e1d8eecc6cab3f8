package com.mpac.portal.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mpac.portal.auth.AuthTestClient;
import com.mpac.portal.auth.AuthTestSupport;
import com.mpac.portal.signing.HumanTokens;

import tools.jackson.databind.JsonNode;

/**
 * MFA enrolment and login with codes from the tests' own RFC 6238 implementation. The portal's clock is frozen in the
 * middle of a time step ({@code base}), so "the code one step back" means exactly that.
 */
class MfaIntegrationTests extends AuthTestSupport {

    @Autowired
    HumanTokens humanTokens;

    long base;

    @BeforeEach
    void freezeMidStep() {
        base = Instant.now().getEpochSecond() / 30 * 30 + 15;
        clock.freezeAt(Instant.ofEpochSecond(base));
    }

    record Enrolled(TestUser user, byte[] key, List<String> recoveryCodes) {
    }

    /** The code for {@code steps} time steps from the frozen instant. */
    private String code(byte[] key, int steps) {
        return Rfc6238.totp(key, base + steps * 30L, 6);
    }

    /** Enrols with the clock {@code stepsBack} steps in the past, so later codes of the present are all unused. */
    private Enrolled enrolled(AuthTestClient client, int stepsBack) {
        TestUser user = merchantAdmin();
        clock.freezeAt(Instant.ofEpochSecond(base - stepsBack * 30L));
        String accessToken = login(client, user).field("accessToken");
        byte[] key = Rfc6238.base32(client.post("/api/v1/auth/user/mfa/enrol", "{}", bearer(accessToken))
                .field("secret"));
        AuthTestClient.Response confirmed = client.post("/api/v1/auth/user/mfa/enrol/confirm",
                "{\"code\":\"" + Rfc6238.totp(key, base - stepsBack * 30L, 6) + "\"}", bearer(accessToken));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().get("recoveryCodes").values().forEach(node -> codes.add(node.asString()));
        clock.freezeAt(Instant.ofEpochSecond(base));
        return new Enrolled(user, key, codes);
    }

    private String mfaToken(AuthTestClient client, TestUser user) {
        AuthTestClient.Response response = client.post("/api/v1/auth/user/login",
                loginJson(user.email(), user.password()));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.field("mfaToken");
    }

    private static String verifyJson(String mfaToken, String code) {
        return "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}";
    }

    private static String recoveryJson(String mfaToken, String recoveryCode) {
        return "{\"mfaToken\":\"" + mfaToken + "\",\"recoveryCode\":\"" + recoveryCode + "\"}";
    }

    @Test
    void shouldEnrolWithASecretUriAndQrCodeThenAskForACodeAtLogin() throws Exception {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String accessToken = login(client, user).field("accessToken");

        AuthTestClient.Response enrol = client.post("/api/v1/auth/user/mfa/enrol", "{}", bearer(accessToken));

        assertThat(enrol.status()).as(enrol.text()).isEqualTo(200);
        assertThat(enrol.header("Cache-Control")).contains("no-store");
        String secret = enrol.field("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        String expectedUri = "otpauth://totp/MPAC:" + user.email() + "?secret=" + secret
                + "&issuer=MPAC&algorithm=SHA1&digits=6&period=30";
        assertThat(enrol.field("otpauthUri")).isEqualTo(expectedUri);
        assertThat(decodeQr(Base64.getDecoder().decode(enrol.field("qrPng")))).isEqualTo(expectedUri);
        AuthTestClient.Response png = client.get("/api/v1/auth/user/mfa/enrol/qr.png", bearer(accessToken));
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(decodeQr(png.body())).isEqualTo(expectedUri);
        String stored = jdbc.sql("SELECT secret FROM user_mfa WHERE user_id = :id").param("id", user.userId())
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(secret);
        JsonNode pending = client.get("/api/v1/auth/user/mfa", bearer(accessToken)).json();
        assertThat(pending.get("enabled").asBoolean()).isFalse();
        assertThat(pending.get("enrolmentPending").asBoolean()).isTrue();
        // Not active yet: login still answers tokens.
        assertThat(login(client, user).json().has("accessToken")).isTrue();

        byte[] key = Rfc6238.base32(secret);
        AuthTestClient.Response wrong = client.post("/api/v1/auth/user/mfa/enrol/confirm",
                "{\"code\":\"" + code(key, 3) + "\"}", bearer(accessToken));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("mfa_code_rejected");
        AuthTestClient.Response confirmed = client.post("/api/v1/auth/user/mfa/enrol/confirm",
                "{\"code\":\"" + code(key, 0) + "\"}", bearer(accessToken));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.json().get("recoveryCodes").values().forEach(node -> recoveryCodes.add(node.asString()));
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}"));
        assertThat(jdbc.sql("SELECT code_hash FROM mfa_recovery_code WHERE user_id = :id").param("id", user.userId())
                .query(String.class).list()).hasSize(10).noneMatch(hash -> recoveryCodes.contains(hash));
        assertThat(countAudit("mfa.enrolled", user.userId())).isEqualTo(1);

        AuthTestClient.Response challenge = client.post("/api/v1/auth/user/login",
                loginJson(user.email(), user.password()));
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(challenge.json().get("expiresIn").asLong()).isEqualTo(300);
        assertThat(challenge.field("mfaToken")).startsWith("mfa_");
        assertThat(challenge.json().has("accessToken")).isFalse();
        assertThat(challenge.json().has("refreshToken")).isFalse();

        AuthTestClient.Response verified = client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(challenge.field("mfaToken"), code(key, 1)));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(verified.field("tokenType")).isEqualTo("Bearer");
        assertThat(verified.field("refreshToken")).startsWith("rt_");
        JWTClaimsSet claims = verifyHumanToken(verified.field("accessToken"));
        assertThat(claims.getSubject()).isEqualTo(user.userId());
        assertThat(stringList(claims, "amr")).containsExactly("pwd", "otp", "mfa");
        assertThat(countAudit("mfa.verified", user.userId())).isEqualTo(1);
        // A refresh keeps the login's amr.
        AuthTestClient.Response refreshed = client.post("/api/v1/auth/user/refresh",
                "{\"refreshToken\":\"" + verified.field("refreshToken") + "\"}");
        assertThat(stringList(verifyHumanToken(refreshed.field("accessToken")), "amr"))
                .containsExactly("pwd", "otp", "mfa");
        JsonNode me = client.get("/api/v1/auth/user/me", bearer(verified.field("accessToken"))).json();
        assertThat(me.get("mfaEnabled").asBoolean()).isTrue();
    }

    @Test
    void shouldAcceptEachCodeOnlyOnce() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String first = mfaToken(client, enrolled.user());
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(first, code(enrolled.key(), 0))).status())
                .isEqualTo(200);
        String second = mfaToken(client, enrolled.user());

        AuthTestClient.Response replayed = client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(second, code(enrolled.key(), 0)));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("invalid_mfa_code");
        assertThat(countAudit("mfa.failed", enrolled.user().userId())).isEqualTo(1);
        // A wrong code leaves the mfaToken usable for the next code.
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(second, code(enrolled.key(), 1))).status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseAnMfaTokenUsedBefore() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String mfaToken = mfaToken(client, enrolled.user());
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, code(enrolled.key(), 0)))
                .status()).isEqualTo(200);

        AuthTestClient.Response reused = client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken, code(enrolled.key(), 1)));

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("invalid_mfa_token");
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_challenge WHERE token_hash = :t").param("t", mfaToken)
                .query(Long.class).single()).as("only the hash is stored").isZero();
    }

    @Test
    void shouldAcceptOneStepOfDriftEitherWayButNotTwo() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String mfaToken = mfaToken(client, enrolled.user());

        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, code(enrolled.key(), -2)))
                .code()).isEqualTo("invalid_mfa_code");
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, code(enrolled.key(), 2)))
                .code()).isEqualTo("invalid_mfa_code");
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, code(enrolled.key(), -1)))
                .status()).isEqualTo(200);
        assertThat(client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken(client, enrolled.user()), code(enrolled.key(), 1))).status()).isEqualTo(200);
        // Once a later step's code was used, an earlier step's code is refused too.
        assertThat(client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken(client, enrolled.user()), code(enrolled.key(), 0))).code())
                .isEqualTo("invalid_mfa_code");
    }

    @Test
    void shouldLetEachRecoveryCodeLogInOnce() throws Exception {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String recoveryCode = enrolled.recoveryCodes().get(0);

        String typedSloppily = recoveryCode.toUpperCase(Locale.ROOT).replace("-", "");

        AuthTestClient.Response verified = client.post("/api/v1/auth/user/mfa/verify",
                recoveryJson(mfaToken(client, enrolled.user()), typedSloppily));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(stringList(verifyHumanToken(verified.field("accessToken")), "amr")).containsExactly("pwd", "mfa");
        AuthTestClient.Response again = client.post("/api/v1/auth/user/mfa/verify",
                recoveryJson(mfaToken(client, enrolled.user()), recoveryCode));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("invalid_mfa_code");
        AuthTestClient.Response another = client.post("/api/v1/auth/user/mfa/verify",
                recoveryJson(mfaToken(client, enrolled.user()), enrolled.recoveryCodes().get(1)));
        assertThat(another.status()).isEqualTo(200);
        JsonNode status = client.get("/api/v1/auth/user/mfa", bearer(another.field("accessToken"))).json();
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesRemaining").asInt()).isEqualTo(8);
    }

    @Test
    void shouldExpireTheMfaTokenAfterFiveMinutes() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String mfaToken = mfaToken(client, enrolled.user());

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        AuthTestClient.Response expired = client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken, Rfc6238.totp(enrolled.key(), base + 301, 6)));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("invalid_mfa_token");
    }

    @Test
    void shouldThrottleWrongCodesPerAccountWith429() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String mfaToken = mfaToken(client, enrolled.user());
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, "000000")).status())
                    .isEqualTo(i < 2 ? 401 : 429);
        }

        AuthTestClient.Response locked = client().post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken, code(enrolled.key(), 0)));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 3L);
    }

    @Test
    void shouldRefuseTheSecondStepForADisabledUser() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String mfaToken = mfaToken(client, enrolled.user());
        disable(enrolled.user());

        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson(mfaToken, code(enrolled.key(), 0))).code())
                .isEqualTo("invalid_mfa_token");
    }

    @Test
    void shouldRegenerateRecoveryCodesAndDisableMfaOnlyWithACode() {
        AuthTestClient client = client();
        Enrolled enrolled = enrolled(client, 3);
        String accessToken = client.post("/api/v1/auth/user/mfa/verify",
                verifyJson(mfaToken(client, enrolled.user()), code(enrolled.key(), -1))).field("accessToken");

        AuthTestClient.Response enrolAgain = client.post("/api/v1/auth/user/mfa/enrol", "{}", bearer(accessToken));
        assertThat(enrolAgain.status()).isEqualTo(409);
        assertThat(enrolAgain.code()).isEqualTo("mfa_already_enabled");
        assertThat(client.post("/api/v1/auth/user/mfa/recovery-codes", "{\"code\":\"000000\"}", bearer(accessToken))
                .code()).isEqualTo("mfa_code_rejected");
        AuthTestClient.Response regenerated = client.post("/api/v1/auth/user/mfa/recovery-codes",
                "{\"code\":\"" + code(enrolled.key(), 0) + "\"}", bearer(accessToken));
        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(regenerated.json().get("recoveryCodes").size()).isEqualTo(10);
        assertThat(client.post("/api/v1/auth/user/mfa/verify",
                recoveryJson(mfaToken(client, enrolled.user()), enrolled.recoveryCodes().get(0))).code())
                .as("old recovery codes are gone").isEqualTo("invalid_mfa_code");

        assertThat(client.post("/api/v1/auth/user/mfa/disable", "{\"code\":\"" + code(enrolled.key(), 0) + "\"}",
                bearer(accessToken)).code()).as("a used code").isEqualTo("mfa_code_rejected");
        AuthTestClient.Response disabled = client.post("/api/v1/auth/user/mfa/disable",
                "{\"code\":\"" + code(enrolled.key(), 1) + "\"}", bearer(accessToken));
        assertThat(disabled.status()).isEqualTo(204);

        assertThat(login(client, enrolled.user()).json().has("accessToken")).isTrue();
        assertThat(countAudit("mfa.disabled", enrolled.user().userId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE user_id = :id")
                .param("id", enrolled.user().userId()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldNotLetAnImpersonatingAdminTouchTheUsersMfa() {
        TestUser user = merchantAdmin();
        String impersonation = humanTokens.impersonate(new HumanTokens.Holder(user.userId(),
                List.of("MERCHANT_ADMIN"), user.pspId(), user.merchantId(), null), "usr_admin",
                Duration.ofMinutes(5)).value();
        AuthTestClient client = client();

        AuthTestClient.Response enrol = client.post("/api/v1/auth/user/mfa/enrol", "{}", bearer(impersonation));

        assertThat(enrol.status()).isEqualTo(403);
        assertThat(enrol.code()).isEqualTo("forbidden");
        assertThat(client.post("/api/v1/auth/user/password",
                "{\"currentPassword\":\"x\",\"newPassword\":\"a brand new passphrase\"}", bearer(impersonation))
                .status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM user_mfa WHERE user_id = :id").param("id", user.userId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldAnswerBadMfaInputWith400AndWriteNothing() {
        TestUser user = merchantAdmin();
        AuthTestClient client = client();
        String accessToken = login(client, user).field("accessToken");
        String before = "SELECT count(*) FROM audit_event WHERE client_ip = :ip";
        long audited = jdbc.sql(before).param("ip", client.address()).query(Long.class).single();

        for (String body : new String[] { "{", "{}", "{\"mfaToken\":\"mfa_x\"}",
                "{\"mfaToken\":\"mfa_x\",\"code\":\"123456\",\"recoveryCode\":\"abcd\"}",
                "{\"mfaToken\":\"mfa_x\",\"code\":\"12345\"}", "{\"mfaToken\":\"mfa_x\",\"code\":\"12345a\"}",
                "{\"mfaToken\":\"mfa_x\",\"code\":[\"123456\"]}", "{\"mfaToken\":{},\"code\":\"123456\"}" }) {
            AuthTestClient.Response response = client.post("/api/v1/auth/user/mfa/verify", body);
            assertThat(response.status()).as(body).isEqualTo(400);
        }
        assertThat(client.post("/api/v1/auth/user/mfa/enrol/confirm", "{\"code\":\"abc\"}", bearer(accessToken))
                .status()).isEqualTo(400);
        assertThat(client.post("/api/v1/auth/user/mfa/enrol/confirm", "{\"code\":\"123456\"}", bearer(accessToken))
                .code()).isEqualTo("mfa_enrolment_not_started");
        assertThat(client.get("/api/v1/auth/user/mfa/enrol/qr.png", bearer(accessToken)).status()).isEqualTo(409);
        assertThat(client.post("/api/v1/auth/user/mfa/disable", "{\"code\":\"123456\"}", bearer(accessToken))
                .code()).isEqualTo("mfa_not_enabled");
        assertThat(jdbc.sql(before).param("ip", client.address()).query(Long.class).single()).isEqualTo(audited);
        assertThat(client.post("/api/v1/auth/user/mfa/verify", verifyJson("mfa_unknown", "123456")).code())
                .isEqualTo("invalid_mfa_token");
    }

    private static String decodeQr(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
