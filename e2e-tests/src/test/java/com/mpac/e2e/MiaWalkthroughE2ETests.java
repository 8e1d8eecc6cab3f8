package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mpac.testsupport.TestHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * mia-pos-gateway's README "Try it", step by step, against the platform as the launcher runs it: a platform admin
 * onboards a MIA merchant in the real svc-portal (merchant with its IDNO, the OTP phone in its MIA_POS provider
 * settings, a store, a terminal with its MIA terminal id, activated, and a cashier); the portal's configuration push
 * reaches mia-pos-gateway; the terminal is activated with the OTP from the sandbox SMS outbox; the cashier logs in
 * (svc-portal's real credential check), opens a shift, is paid for a dynamic QR by the sandbox payer, sees the
 * transaction and closes the shift with a Z-report whose totals are right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiaWalkthroughE2ETests {

    private static final String CASHIER_PASSWORD = "a long passphrase 42";
    private static final Map<String, String> DEVICE = Map.of("X-DEVICE", "Sunmi V2", "X-PLATFORM-TYPE", "android",
            "X-INSTALLATION-ID", UUID.randomUUID().toString(), "X-POS-APP-VERSION", "1");

    private final JsonMapper json = JsonMapper.builder().build();
    private LocalPlatform platform;
    private TestHttp portal;
    private TestHttp mia;

    @BeforeAll
    void startPlatform() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        // Longer than PlatformE2ETests: on a loaded machine the AOT training runs after a rebuild take a while.
        platform.awaitReady(Duration.ofMinutes(9));
        portal = new TestHttp(platform.url("svc-portal"));
        mia = new TestHttp(platform.url("mia-pos-gateway"));
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldTakeANewMerchantFromPortalOnboardingToAZReport() throws IOException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String idno = "1003" + Math.abs((long) suffix.hashCode()) % 1_000_000_000L;
        String miaTerminalId = "T-" + suffix.toUpperCase();
        String cashier = "cashier_" + suffix + "@cafe.example";

        // Portal onboarding (README "Try it", step 1).
        String admin = ok(portal.post("/api/v1/auth/user/login", "{\"email\":\"" + platform.setting("MPAC_ADMIN_EMAIL")
                + "\",\"password\":\"" + platform.setting("MPAC_ADMIN_PASSWORD") + "\"}", Map.of()))
                .get("accessToken").asString();
        Map<String, String> asAdmin = Map.of("Authorization", "Bearer " + admin);
        String psp = created(portal.post("/api/v1/psps", "{\"name\":\"Moldova Payments " + suffix + "\"}", asAdmin));
        String merchant = created(portal.post("/api/v1/merchants", "{\"pspId\":\"" + psp
                + "\",\"name\":\"Cafe Chisinau\",\"contactPhone\":\"+37360000000\",\"enabledProviders\":[\"MIA_POS\"],"
                + "\"miaIdno\":\"" + idno + "\"}", asAdmin));
        HttpResponse<String> settings = portal.send("PUT", "/api/v1/merchants/" + merchant
                + "/providers/MIA_POS/settings", "{\"identifiers\":{\"phone\":\"+37369123456\",\"mcc\":\"5812\"}}",
                asAdmin);
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        String store = created(portal.post("/api/v1/stores", "{\"merchantId\":\"" + merchant + "\",\"name\":\"Centre\","
                + "\"address\":{\"line1\":\"Str. Stefan cel Mare 1\",\"city\":\"Chisinau\",\"postalCode\":\"MD-2001\","
                + "\"country\":\"MD\"},\"timezone\":\"Europe/Chisinau\"}", asAdmin));
        String terminal = created(portal.post("/api/v1/terminals", "{\"storeId\":\"" + store
                + "\",\"name\":\"Till 1\",\"providerTerminalIds\":{\"MIA_POS\":\"" + miaTerminalId + "\"}}", asAdmin));
        String code = json(portal.post("/api/v1/device/provision/generateActivationCode",
                "{\"terminalId\":\"" + terminal + "\"}", asAdmin)).get("activationCode").asString();
        JsonNode activated = ok(portal.post("/api/v1/device/provision/activate", "{\"activationCode\":\"" + code
                + "\",\"serialNumber\":\"SN-" + suffix + "\",\"model\":\"Sunmi V2\",\"appVersion\":\"1.0.0\"}",
                Map.of()));
        assertThat(activated.get("terminalId").asString()).isEqualTo(terminal);
        created(portal.post("/api/v1/users", "{\"email\":\"" + cashier + "\",\"password\":\"" + CASHIER_PASSWORD
                + "\",\"roles\":[\"CASHIER\"],\"storeId\":\"" + store + "\"}", asAdmin));

        // Step 2: the push is asynchronous; init answers 404 terminal_not_found until it has arrived.
        String initBody = "{\"terminalId\":\"" + miaTerminalId + "\",\"merchantIdno\":\"" + idno + "\"}";
        HttpResponse<String> init = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> mia.post("/pos/api/v1/terminal-activation/init", initBody, DEVICE),
                        response -> response.statusCode() == 200);
        JsonNode initialised = json(init);
        String activationId = initialised.get("terminalActivationId").asString();
        assertThat(initialised.get("maskedPhoneNumber").asString()).isEqualTo("+373******56");

        // Step 3: the OTP from the sandbox SMS outbox, sent to the phone of the provider settings.
        JsonNode sms = ok(mia.get("/pos/sandbox/sms?terminalActivationId=" + activationId)).at("/messages/0");
        assertThat(sms.get("phone").asString()).isEqualTo("+37369123456");
        Matcher otp = Pattern.compile("([0-9]{6})$").matcher(sms.get("text").asString());
        assertThat(otp.find()).isTrue();
        ok(mia.post("/pos/api/v1/terminal-activation/confirm", "{\"terminalActivationId\":\"" + activationId
                + "\",\"otpCode\":\"" + otp.group(1) + "\"}", Map.of()));
        JsonNode info = ok(mia.get("/pos/api/v1/terminal-activation/" + activationId + "/info"));
        assertThat(info.get("merchantIdno").asString()).isEqualTo(idno);
        assertThat(info.get("terminalId").asString()).isEqualTo(miaTerminalId);

        // Step 4: the cashier logs in; svc-portal checks the password (a wrong one is refused there).
        HttpResponse<String> wrong = mia.post("/pos/api/v1/seller/login", login(activationId, cashier,
                "not the passphrase"), Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("errorCode").asString()).isEqualTo("invalid_credentials");
        String token = ok(mia.post("/pos/api/v1/seller/login", login(activationId, cashier, CASHIER_PASSWORD),
                Map.of())).at("/authTokens/accessToken").asString();
        Map<String, String> asSeller = Map.of("Authorization", "Bearer " + token);
        assertThat(ok(mia.get("/pos/api/v1/seller/info", asSeller)).at("/sellerInfo/fullName").asString())
                .isEqualTo(cashier);

        // Step 5: a shift and a dynamic QR.
        String shiftId = ok(mia.post("/pos/api/v1/shift/open", null, asSeller)).get("shiftId").asString();
        JsonNode qr = ok(mia.post("/pos/api/v2/qr",
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":150}}", asSeller))
                .get("qrInfo");
        String qrText = qr.get("qrText").asString();
        assertThat(qrText).contains("5204" + "5812").contains("5406150.00").contains(miaTerminalId);

        // Step 6: the sandbox payer pays it.
        JsonNode paid = ok(mia.post("/pos/sandbox/pay", "{\"qrText\":" + json.writeValueAsString(qrText) + "}",
                Map.of()));
        long txId = paid.get("txId").asLong();
        assertThat(paid.get("amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(paid.get("mcc").asString()).isEqualTo("5812");

        // The transaction is listed in the shift, and the code is paid.
        JsonNode transactions = ok(mia.get("/pos/api/v1/shift/" + shiftId + "/transactions", asSeller));
        assertThat(transactions.at("/txList/0/id").asLong()).isEqualTo(txId);
        assertThat(transactions.at("/txList/0/type").asString()).isEqualTo("paid");
        assertThat(transactions.at("/txList/0/amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(ok(mia.get("/pos/api/v2/qr/" + qr.get("qrId").asString(), asSeller)).get("state").asString())
                .isEqualTo("paid");

        // Step 8: close the shift; the Z-report counts the payment, in JSON and as a PDF.
        ok(mia.post("/pos/api/v1/shift/close", null, asSeller));
        JsonNode z = ok(mia.get("/pos/api/v2/shift/" + shiftId + "/z-report?format=json", asSeller))
                .get("reportJson");
        assertThat(z.get("paymentCount").asInt()).isEqualTo(1);
        assertThat(z.get("paymentSum").decimalValue()).isEqualByComparingTo("150");
        assertThat(z.get("totalSum").decimalValue()).isEqualByComparingTo("150");
        assertThat(z.get("merchantIdno").asString()).isEqualTo(idno);
        assertThat(z.get("operator").asString()).isEqualTo(cashier);
        byte[] pdf = Base64.getDecoder().decode(ok(mia.get("/pos/api/v2/shift/" + shiftId + "/z-report?format=pdf",
                asSeller)).get("reportBinary").asString());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    private static String login(String activationId, String username, String password) {
        return "{\"terminalActivationId\":\"" + activationId + "\",\"username\":\"" + username + "\",\"password\":\""
                + password + "\"}";
    }

    private String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json(response).get("id").asString();
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
