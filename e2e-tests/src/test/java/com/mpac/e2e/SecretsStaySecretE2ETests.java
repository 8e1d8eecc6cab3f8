package com.mpac.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.testsupport.TestHttp;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11, "Secrets stay secret": one launched platform, driven through flows that create and use a secret of
 * every kind the platform handles (passwords, wrong passwords, an MFA secret, its codes and recovery codes, refresh
 * tokens, an activation code, a terminal's OAuth client secret and device token, a merchant API key secret used to
 * sign S2S calls, a webhook secret, PayPay credentials, a PaymentIntent client secret, a MIA OTP and seller tokens, a
 * MobilePay access token in query strings, a Magensa API user's password in Basic auth, card numbers and a CVV posted
 * to the hosted payment page, and the payment-request WebSocket token). Every plaintext is remembered; then every
 * line of every log file and of the launcher's console, and every row of every table of every schema (read as the
 * database superuser, each row cast to text), is searched for each of them and for the forms that leak them too
 * (URL-encoded, base64 of Basic credentials, the PAN with and without spaces, hex as a bytea would show it).
 * Nothing may be found outside the justified allow-list in {@link #ALLOWED_IN_TABLES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsStaySecretE2ETests {

    private static final Map<String, String> DEVICE = Map.of("X-DEVICE", "Sunmi V2", "X-PLATFORM-TYPE", "android",
            "X-INSTALLATION-ID", UUID.randomUUID().toString(), "X-POS-APP-VERSION", "1");

    /**
     * Places where a plaintext must be, as {@code secret kind -> schema.table} (a row of that table may hold it, no
     * other table and no log line). Each entry says why.
     */
    private static final Map<String, String> ALLOWED_IN_TABLES = Map.of(
            // The SMS outbox is mia-pos-gateway's (sandbox) SMS gateway, read by GET /pos/sandbox/sms: a message to
            // the merchant's phone carries the OTP by definition. The activation row itself keeps only its hash.
            "mia otp", "mia.sms_outbox");

    /**
     * The launcher's ready summary prints the local admin's credentials and the platform's S2S keys to the
     * developer who ran {@code ./mpac up} (documented in the README; {@code ./mpac up -d} writes it to an owner-only
     * launcher.log). Those two kinds may appear there, on those lines, and nowhere else in any log.
     */
    private static final Pattern READY_SUMMARY_LINE = Pattern.compile(
            "^(Local admin +\\S+ +password: \\S+|\\s{16}[a-z-]+ +mpk_[a-z]+_[0-9a-f]+ +\\S+)\\s*$");

    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final List<String> flowFailures = new ArrayList<>();
    /** Controls that the scan reads what it should: the request log's redaction marker, the kept masked PAN. */
    private boolean redactedQuerySeen;
    private boolean maskedPanSeen;

    private LocalPlatform platform;
    private TestHttp portal;
    private String suffix;

    /** A remembered plaintext; {@code contextual} ones (short codes) are searched only next to their field name. */
    private record Secret(String kind, String value, boolean contextual) {
    }

    @BeforeAll
    void startPlatform() throws IOException {
        platform = LocalPlatform.start(Path.of(System.getProperty("mpac.root", "..")).toAbsolutePath().normalize());
        // The first start after a build trains each service's AOT cache, slow on a busy machine.
        platform.awaitReady(Duration.ofMinutes(10));
        portal = new TestHttp(platform.url("svc-portal"));
        suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @AfterAll
    void stopPlatform() throws InterruptedException, IOException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldKeepEverySecretOutOfEveryLogLineAndEveryTableRow() throws Exception {
        long started = System.nanoTime();
        platformSecrets();
        Map<String, String> asAdmin = adminSession();
        Onboarded mia = flow("portal users, MFA, refresh, activation, device token",
                () -> onboardMerchant(asAdmin));
        if (mia != null) {
            step("MIA OTP and seller tokens", () -> miaTerminal(mia));
            step("mpac-pgw: API key, webhook secret, PayPay credentials, client secret", () -> gateway(asAdmin, mia));
            step("payment-request: Basic auth, hosted page card form, WebSocket token",
                    () -> paymentRequest(asAdmin, mia));
        }
        step("mobilepay-adapter: access token in the query string", () -> mobilePay(asAdmin));

        List<String> findings = new ArrayList<>();
        long[] logLines = scanLogs(findings);
        long[] tables = scanTables(findings);
        String summary = "secrets stay secret: %d secrets (%d forms) checked over %d log lines in %d files and %d rows in %d tables of %d schemas; %d findings; flows %.0f s"
                .formatted(secrets.size(), secrets.values().stream().mapToLong(s -> forms(s, false).size()).sum(),
                        logLines[0], logLines[1], tables[0], tables[1], tables[2], findings.size(),
                        (System.nanoTime() - started) / 1e9);
        System.out.println(summary);
        Path report = Path.of("target", "secrets-stay-secret.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, summary + "\nkinds: " + secrets.values().stream().map(Secret::kind).distinct()
                .collect(Collectors.joining(", ")) + "\nflow failures: " + flowFailures + "\n"
                + String.join("\n", findings) + "\n");

        assertThat(redactedQuerySeen).as("a request log line with accessToken=*** (the logs were read)").isTrue();
        assertThat(maskedPanSeen).as("payment-request keeps the masked PAN (the tables were read)").isTrue();
        assertThat(flowFailures).as("flows that could not run (their secrets are not all covered)").isEmpty();
        assertThat(findings).as(summary).isEmpty();
        assertThat(secrets.values().stream().map(Secret::kind).distinct()).contains("admin password",
                "user password", "mfa secret", "refresh token", "activation code", "client secret", "device token",
                "api key secret", "webhook secret", "paypay api_secret", "payment intent client secret", "mia otp",
                "seller token", "mobilepay access token", "magensa password", "card number", "cvv",
                "websocket token");
    }

    // --- flows ---------------------------------------------------------------------------------------------------

    private record Onboarded(String merchantId, String storeId, String terminalId, String miaTerminalId, String idno,
            String cashier, String cashierPassword, String customerCode) {
    }

    /**
     * The launcher's generated secrets: database role passwords, the master key and the platform services' HMAC
     * secrets. platform.env (mode 600) is where they must be; no log line or row may repeat them.
     */
    private void platformSecrets() throws IOException {
        for (String line : Files.readAllLines(platform.logDir().getParent().resolve("platform.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches(".*(PASSWORD|MASTER_KEY).*")
                    && !line.startsWith("MPAC_ADMIN_PASSWORD")) {
                String value = line.substring(eq + 1).replaceAll("^'|'$", "");
                if (value.length() >= 8) {
                    remember("platform secret " + line.substring(0, eq), value);
                }
            }
        }
        PlatformKeys keys = PlatformKeys.parse(platform.setting("MPAC_PLATFORM_KEYS"));
        for (String service : LocalPlatform.SERVICES) {
            keys.keyOf(service).ifPresent(key -> remember("platform hmac secret", key.signingSecret()));
        }
    }

    private Map<String, String> adminSession() throws IOException {
        String email = platform.setting("MPAC_ADMIN_EMAIL");
        String password = remember("admin password", platform.setting("MPAC_ADMIN_PASSWORD"));
        String wrong = remember("wrong password", "Wr0ng-admin-" + token(12));
        assertThat(login(email, wrong).statusCode()).isEqualTo(401);
        assertThat(login("nobody-" + suffix + "@example.com", wrong).statusCode()).isEqualTo(401);
        // A body the parser refuses must not carry the password into a log line or an error.
        String truncated = remember("wrong password", "truncated-body-" + token(12));
        HttpResponse<String> malformed = portal.post("/api/v1/auth/user/login", "{\"email\":\"" + email
                + "\",\"password\":\"" + truncated + "\"", Map.of());
        assertThat(malformed.statusCode()).isBetween(400, 499);
        assertThat(malformed.body()).doesNotContain(truncated);
        JsonNode session = ok(login(email, password));
        remember("refresh token", session.get("refreshToken").asString());
        return Map.of("Authorization", "Bearer " + session.get("accessToken").asString());
    }

    private Onboarded onboardMerchant(Map<String, String> asAdmin) throws Exception {
        String idno = "1003" + String.format("%09d", random.nextInt(1_000_000_000));
        String miaTerminalId = "T-" + suffix.toUpperCase();
        String psp = id(portal.post("/api/v1/psps", "{\"name\":\"Secrets PSP " + suffix + "\"}", asAdmin));
        String merchant = id(portal.post("/api/v1/merchants", "{\"pspId\":\"" + psp
                + "\",\"name\":\"Cafe Secret\",\"contactPhone\":\"+37360000000\",\"enabledProviders\":[\"MIA_POS\"],"
                + "\"miaIdno\":\"" + idno + "\"}", asAdmin));
        ok(portal.send("PUT", "/api/v1/merchants/" + merchant + "/providers/MIA_POS/settings",
                "{\"identifiers\":{\"phone\":\"+37369123456\",\"mcc\":\"5812\"}}", asAdmin));
        String store = id(portal.post("/api/v1/stores", "{\"merchantId\":\"" + merchant + "\",\"name\":\"Centre\","
                + "\"address\":{\"line1\":\"Str. Stefan cel Mare 1\",\"city\":\"Chisinau\",\"postalCode\":\"MD-2001\","
                + "\"country\":\"MD\"},\"timezone\":\"Europe/Chisinau\"}", asAdmin));
        String terminal = id(portal.post("/api/v1/terminals", "{\"storeId\":\"" + store
                + "\",\"name\":\"Till 1\",\"providerTerminalIds\":{\"MIA_POS\":\"" + miaTerminalId + "\"}}", asAdmin));

        // The merchant's admin: password, wrong password, MFA enrolment, a challenge answered, refresh and reuse.
        String owner = "owner_" + suffix + "@cafe.example";
        String ownerPassword = remember("user password", "owner passphrase " + token(10));
        id(portal.post("/api/v1/users", "{\"email\":\"" + owner + "\",\"password\":\"" + ownerPassword
                + "\",\"roles\":[\"MERCHANT_ADMIN\"],\"merchantId\":\"" + merchant + "\"}", asAdmin));
        assertThat(login(owner, remember("wrong password", "not-the-owner-" + token(10))).statusCode())
                .isEqualTo(401);
        Map<String, String> asOwner = bearer(ok(login(owner, ownerPassword)).get("accessToken").asString());
        JsonNode enrolment = ok(portal.post("/api/v1/auth/user/mfa/enrol", null, asOwner));
        String mfaSecret = remember("mfa secret", enrolment.get("secret").asString());
        remember("mfa otpauth uri", enrolment.get("otpauthUri").asString());
        String firstCode = remember("mfa code", totp(mfaSecret, Instant.now()), true);
        JsonNode recovery = ok(portal.post("/api/v1/auth/user/mfa/enrol/confirm",
                "{\"code\":\"" + firstCode + "\"}", asOwner));
        recovery.get("recoveryCodes").forEach(code -> remember("mfa recovery code", code.asString()));
        String mfaToken = ok(login(owner, ownerPassword)).get("mfaToken").asString();
        remember("mfa token", mfaToken);
        String wrongCode = firstCode.equals("000000") ? "111111" : "000000";
        assertThat(portal.post("/api/v1/auth/user/mfa/verify", "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\""
                + wrongCode + "\"}", Map.of()).statusCode()).isIn(400, 401);
        // A code is accepted once: wait for the next 30 s step rather than reuse the first.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> !totp(mfaSecret, Instant.now()).equals(firstCode));
        String secondCode = remember("mfa code", totp(mfaSecret, Instant.now()), true);
        HttpResponse<String> verified = portal.post("/api/v1/auth/user/mfa/verify", "{\"mfaToken\":\"" + mfaToken
                + "\",\"code\":\"" + secondCode + "\"}", Map.of());
        if (verified.statusCode() != 200) {
            // The wrong code may have spent the challenge: a fresh one with the same code.
            String again = remember("mfa token", ok(login(owner, ownerPassword)).get("mfaToken").asString());
            verified = portal.post("/api/v1/auth/user/mfa/verify", "{\"mfaToken\":\"" + again + "\",\"code\":\""
                    + secondCode + "\"}", Map.of());
        }
        JsonNode ownerSession = ok(verified);
        asOwner = bearer(ownerSession.get("accessToken").asString());
        String refresh = remember("refresh token", ownerSession.get("refreshToken").asString());

        // Provisioning: the activation code, the OAuth client secret (Basic on the token endpoint), a device token.
        String code = remember("activation code", created(portal.post("/api/v1/device/provision/generateActivationCode",
                "{\"terminalId\":\"" + terminal + "\"}", asOwner)).get("activationCode").asString());
        JsonNode credentials = ok(portal.post("/api/v1/device/provision/activate", "{\"activationCode\":\"" + code
                + "\",\"serialNumber\":\"SN-" + suffix + "\",\"model\":\"Sunmi V2\",\"appVersion\":\"1.0.0\"}",
                Map.of()));
        String clientId = credentials.get("clientId").asString();
        String clientSecret = remember("client secret", credentials.get("clientSecret").asString());
        remember("client secret", basic(clientId, clientSecret));
        JsonNode device = ok(portal.postForm("/api/v1/auth/device/token", Map.of("grant_type", "client_credentials"),
                Map.of("Authorization", "Basic " + basic(clientId, clientSecret))));
        remember("device token", device.get("access_token").asString());
        // client_secret_post too, and a wrong secret.
        ok(portal.postForm("/api/v1/auth/device/token", Map.of("grant_type", "client_credentials", "client_id",
                clientId, "client_secret", clientSecret), Map.of()));
        assertThat(portal.postForm("/api/v1/auth/device/token", Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", remember("client secret", "wrong-" + token(20))), Map.of())
                .statusCode()).isIn(400, 401);

        // Refresh rotates; the old refresh token replayed is refused.
        JsonNode rotated = ok(portal.post("/api/v1/auth/user/refresh", "{\"refreshToken\":\"" + refresh + "\"}",
                Map.of()));
        remember("refresh token", rotated.get("refreshToken").asString());
        assertThat(portal.post("/api/v1/auth/user/refresh", "{\"refreshToken\":\"" + refresh + "\"}", Map.of())
                .statusCode()).isEqualTo(401);

        String cashier = "cashier_" + suffix + "@cafe.example";
        String cashierPassword = remember("user password", "cashier passphrase " + token(10));
        id(portal.post("/api/v1/users", "{\"email\":\"" + cashier + "\",\"password\":\"" + cashierPassword
                + "\",\"roles\":[\"CASHIER\"],\"storeId\":\"" + store + "\"}", asAdmin));
        return new Onboarded(merchant, store, terminal, miaTerminalId, idno, cashier, cashierPassword,
                "SEC" + suffix.toUpperCase());
    }

    private void miaTerminal(Onboarded merchant) {
        TestHttp mia = new TestHttp(platform.url("mia-pos-gateway"));
        String initBody = "{\"terminalId\":\"" + merchant.miaTerminalId() + "\",\"merchantIdno\":\""
                + merchant.idno() + "\"}";
        HttpResponse<String> init = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> mia.post("/pos/api/v1/terminal-activation/init", initBody, DEVICE),
                        response -> response.statusCode() == 200);
        String activationId = json(init).get("terminalActivationId").asString();
        JsonNode sms = ok(mia.get("/pos/sandbox/sms?terminalActivationId=" + activationId)).at("/messages/0");
        Matcher otp = Pattern.compile("([0-9]{6})$").matcher(sms.get("text").asString());
        assertThat(otp.find()).isTrue();
        String code = remember("mia otp", otp.group(1), true);
        String wrong = code.equals("999999") ? "999998" : "999999";
        assertThat(mia.post("/pos/api/v1/terminal-activation/confirm", "{\"terminalActivationId\":\""
                + activationId + "\",\"otpCode\":\"" + wrong + "\"}", Map.of()).statusCode()).isBetween(400, 499);
        ok(mia.post("/pos/api/v1/terminal-activation/confirm", "{\"terminalActivationId\":\"" + activationId
                + "\",\"otpCode\":\"" + code + "\"}", Map.of()));

        String wrongPassword = remember("wrong password", "not the cashier " + token(8));
        assertThat(mia.post("/pos/api/v1/seller/login", sellerLogin(activationId, merchant.cashier(), wrongPassword),
                Map.of()).statusCode()).isEqualTo(401);
        JsonNode tokens = ok(mia.post("/pos/api/v1/seller/login", sellerLogin(activationId, merchant.cashier(),
                merchant.cashierPassword()), Map.of())).get("authTokens");
        String access = remember("seller token", tokens.get("accessToken").asString());
        if (tokens.hasNonNull("refreshToken")) {
            remember("seller token", tokens.get("refreshToken").asString());
        }
        ok(mia.get("/pos/api/v1/seller/info", bearer(access)));
        ok(mia.post("/pos/api/v1/shift/open", null, bearer(access)));
    }

    private void gateway(Map<String, String> asAdmin, Onboarded merchant) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            String base = "/api/v1/merchants/" + merchant.merchantId();
            remember("webhook secret", created(portal.post(base + "/webhook-endpoints", "{\"url\":\"http://127.0.0.1:"
                    + endpoint.getAddress().getPort() + "/hooks\",\"events\":[\"*\"]}", asAdmin)).get("secret")
                    .asString());
            JsonNode key = created(portal.post(base + "/api-keys", "{\"name\":\"back end\"}", asAdmin));
            String keyId = key.get("id").asString();
            String keySecret = remember("api key secret", key.get("secret").asString());
            remember("paypay api_secret", "s_paypay_" + token(16));
            remember("paypay api_key", "a_paypay_" + token(12));
            ok(portal.send("PUT", base + "/providers/PAYPAY/settings", "{\"identifiers\":{\"base_url\":\""
                    + platform.url("mpac-pgw") + "/sandbox/paypay\"},\"credentials\":{\"api_key\":\""
                    + value("paypay api_key") + "\",\"api_secret\":\"" + value("paypay api_secret") + "\"}}",
                    asAdmin));
            ok(portal.send("PATCH", base, "{\"enabledProviders\":[\"MIA_POS\",\"PAYPAY\",\"MAGENSA\"],"
                    + "\"paypayMerchantId\":\"pp_" + suffix + "\",\"magensaCustomerCode\":\""
                    + merchant.customerCode() + "\"}", asAdmin));

            // Reads show names and last digits, never the secrets.
            assertThat(portal.get(base + "/providers/PAYPAY/settings", asAdmin).body())
                    .doesNotContain(value("paypay api_secret"));
            assertThat(portal.get(base + "/api-keys", asAdmin).body()).doesNotContain(keySecret);
            assertThat(portal.get(base + "/webhook-endpoints", asAdmin).body())
                    .doesNotContain(value("webhook secret"));

            HmacSigner signer = new HmacSigner(keyId, keySecret, Clock.systemUTC());
            TestHttp pgw = new TestHttp(platform.url("mpac-pgw"));
            // The push is asynchronous: the key authenticates once mpac-pgw holds it.
            AtomicReference<HttpResponse<String>> create = new AtomicReference<>();
            String createBody = "{\"amount\":1500,\"currency\":\"JPY\",\"capture_method\":\"manual\"}";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                create.set(signed(pgw, signer, "/v1/payment_intents", createBody));
                return create.get().statusCode() != 401;
            });
            JsonNode intent = created(create.get());
            String id = intent.get("id").asString();
            String clientSecret = remember("payment intent client secret", intent.get("client_secret").asString());
            signedOk(pgw, signer, "/v1/payment_intents/" + id + "/confirm",
                    "{\"provider\":\"sandbox\",\"payment_method\":\"pm_card_visa\"}");
            signedOk(pgw, signer, "/v1/payment_intents/" + id + "/capture", "{\"amount_to_capture\":1200}");
            assertThat(pgw.get("/v1/payment_intents/" + id, Map.of("X-MPAC-Client-Secret", clientSecret))
                    .statusCode()).isEqualTo(200);
            assertThat(pgw.get("/v1/payment_intents/" + id, Map.of("X-MPAC-Client-Secret",
                    remember("payment intent client secret", id + "_secret_" + token(24)))).statusCode())
                    .isEqualTo(401);

            // PayPay: the gateway calls the PayPay sandbox with the pushed credentials.
            AtomicReference<JsonNode> qr = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonNode second = created(signed(pgw, signer, "/v1/payment_intents",
                        "{\"amount\":800,\"currency\":\"JPY\"}"));
                HttpResponse<String> confirm = signed(pgw, signer, "/v1/payment_intents/" + second.get("id")
                        .asString() + "/confirm", "{\"provider\":\"paypay\",\"payment_method\":\"paypay_qr\"}");
                if (confirm.statusCode() == 200) {
                    qr.set(json(confirm));
                }
                return qr.get() != null;
            });
            created(pgw.post("/v1/sandbox/paypay/pay", "{\"qr_url\":\"" + qr.get().at("/next_action/display_qr_code/data")
                    .asString() + "\"}", Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        }
        finally {
            endpoint.stop(0);
        }
    }

    private void paymentRequest(Map<String, String> asAdmin, Onboarded merchant) throws Exception {
        String password = remember("magensa password", "api password " + token(12));
        created(portal.post("/api/v1/merchants/" + merchant.merchantId() + "/api-users",
                "{\"username\":\"pos\",\"password\":\"" + password + "\"}", asAdmin));
        String user = merchant.customerCode() + "/pos";
        Map<String, String> auth = Map.of("Authorization", "Basic " + remember("magensa password",
                basic(user, password)));
        String wrong = remember("wrong password", "wrong api password " + token(8));
        TestHttp payreq = new TestHttp(platform.url("payment-request"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> payreq.get("/api/PaymentRequest", auth).statusCode() == 200);
        assertThat(payreq.get("/api/PaymentRequest", Map.of("Authorization", "Basic "
                + remember("magensa password", basic(user, wrong)))).statusCode()).isEqualTo(401);
        JsonNode request = created(payreq.post("/api/PaymentRequest", """
                {"transactionType": 1, "customerTranID": "123456", "customerTranRef": "Reference", "amount": 100.0,
                 "taxAmount": 5.0, "taxPercent": 5.0, "additionalInfo": [], "miscData": "Sample data",
                 "processorName": "Processor_1", "promptForTax": true, "promptForTips": true,
                 "termsAndTransactionInfo": "Terms and conditions", "usageCountLimit": 1, "isEnabled": true,
                 "activationDate": "2024-01-01T00:00:00Z", "expirationDate": "2048-12-31T23:59:59Z"}""", auth));
        String id = request.get("paymentRequestID").asString();
        String wsToken = remember("websocket token", request.get("webSocketToken").asString());

        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(platform.url("payment-request").replace("http:", "ws:")
                        + "/ws/PaymentRequest?token=" + URLEncoder.encode(wsToken, StandardCharsets.UTF_8)),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                messages.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !messages.isEmpty());

        assertThat(payreq.get("/pay/" + id).statusCode()).isEqualTo(200);
        String cvv = remember("cvv", "7" + (10 + random.nextInt(90)), true);
        // A Luhn-invalid number (400, the form again), a valid unknown one (declined), then the test card.
        String invalid = remember("card number", luhnInvalid(randomPan()));
        HttpResponse<String> refused = pay(payreq, id, invalid, cvv);
        assertThat(refused.statusCode()).isEqualTo(400);
        // The form comes back without the card data.
        assertThat(refused.body()).doesNotContain(invalid).doesNotContain("value=\"" + cvv + "\"");
        String declined = remember("card number", randomPan());
        assertThat(pay(payreq, id, declined, cvv).statusCode()).isEqualTo(303);
        remember("card number", "4111111111111111");
        assertThat(pay(payreq, id, "4111 1111 1111 1111", cvv).statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.stream().anyMatch(m -> m.contains("APPROVED")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private HttpResponse<String> pay(TestHttp payreq, String id, String pan, String cvv) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("method", "card");
        form.put("cardNumber", pan);
        form.put("expiry", "12/30");
        form.put("cvv", cvv);
        form.put("tipAmount", "15.00");
        return payreq.postForm("/pay/" + id, form, Map.of());
    }

    private void mobilePay(Map<String, String> asAdmin) {
        String psp = id(portal.post("/api/v1/psps", "{\"name\":\"Nordic " + suffix + "\"}", asAdmin));
        String merchant = id(portal.post("/api/v1/merchants", "{\"pspId\":\"" + psp
                + "\",\"name\":\"Kaffe Kbh\",\"enabledProviders\":[\"MOBILEPAY\"]}", asAdmin));
        String store = id(portal.post("/api/v1/stores", "{\"merchantId\":\"" + merchant + "\",\"name\":\"Nyhavn\","
                + "\"address\":{\"line1\":\"Nyhavn 1\",\"city\":\"Copenhagen\",\"postalCode\":\"1051\","
                + "\"country\":\"DK\"},\"timezone\":\"Europe/Copenhagen\"}", asAdmin));
        id(portal.post("/api/v1/terminals", "{\"storeId\":\"" + store + "\",\"name\":\"Till 1\"}", asAdmin));
        String bioCode = ok(portal.get("/api/v1/merchants/" + merchant, asAdmin)).get("mobilepayBioCode")
                .asString();
        TestHttp mobilePay = new TestHttp(platform.url("mobilepay-adapter"));
        AtomicReference<HttpResponse<String>> token = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            token.set(mobilePay.get("/api/pos/manage/token?bioCode=" + bioCode));
            return token.get().statusCode() != 404;
        });
        String accessToken = remember("mobilepay access token", ok(token.get()).get("accessToken").asString());
        ok(mobilePay.get("/api/pos/manage/stores?accessToken=" + enc(accessToken) + "&bioCode=" + enc(bioCode)));
        assertThat(mobilePay.get("/api/pos/manage/stores?accessToken=" + enc(remember("mobilepay access token",
                "wrong" + token(20))) + "&bioCode=" + enc(bioCode)).statusCode()).isBetween(400, 499);
    }

    // --- the scan ------------------------------------------------------------------------------------------------

    /** Every line of every file under the log folder and of the launcher's console: {lines, files}. */
    private long[] scanLogs(List<String> findings) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(platform.logDir())) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        files.add(platform.consoleLog());
        long lines = 0;
        for (Path file : files) {
            List<String> content = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < content.size(); i++) {
                String line = new String(content.get(i).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                lines++;
                redactedQuerySeen |= line.contains("accessToken=***");
                for (Secret secret : secrets.values()) {
                    String form = found(secret, line, false);
                    boolean readySummary = file.equals(platform.consoleLog())
                            && (secret.kind().equals("admin password") || secret.kind().equals("platform hmac secret"))
                            && READY_SUMMARY_LINE.matcher(line).matches();
                    if (form != null && !readySummary) {
                        findings.add("LOG " + file.getFileName() + ":" + (i + 1) + " " + secret.kind() + " ("
                                + form + "): " + excerpt(line, secret));
                    }
                }
            }
        }
        return new long[] { lines, files.size() };
    }

    /** Every row of every base table outside the system catalogs, cast to text: {rows, tables, schemas}. */
    private long[] scanTables(List<String> findings) throws IOException, SQLException {
        long rows = 0;
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), "postgres",
                platform.setting("MPAC_DB_SUPERUSER_PASSWORD"));
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                    + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                    + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            for (String table : tables) {
                String[] parts = table.split("\\.");
                try (ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + parts[0] + "\".\"" + parts[1]
                        + "\" t")) {
                    while (rs.next()) {
                        rows++;
                        String row = rs.getString(1);
                        maskedPanSeen |= table.startsWith("payreq.") && row.contains("411111******1111");
                        for (Secret secret : secrets.values()) {
                            String form = found(secret, row, true);
                            if (form != null && !table.equals(ALLOWED_IN_TABLES.get(secret.kind()))) {
                                findings.add("TABLE " + table + " " + secret.kind() + " (" + form + "): "
                                        + excerpt(row, secret));
                            }
                        }
                    }
                }
            }
        }
        return new long[] { rows, tables.size(), tables.stream().map(t -> t.split("\\.")[0]).distinct().count() };
    }

    /** The name of the first form of the secret found in the text, or null. */
    private static String found(Secret secret, String text, boolean table) {
        if (secret.kind().equals("cvv")) {
            // Three digits are everywhere (statuses, durations): a CVV leaks next to its field name.
            return Pattern.compile("(?i)(cvv|cvc|cv2)[^0-9a-z]{0,6}" + Pattern.quote(secret.value()) + "(?![0-9])")
                    .matcher(text).find() ? "next to its field name" : null;
        }
        if (secret.contextual()) {
            // Short numeric codes: only as a value (not part of a longer number, a fraction of a second or a time).
            Matcher m = Pattern.compile("(?<![0-9.:\\-])" + Pattern.quote(secret.value()) + "(?![0-9])")
                    .matcher(text);
            return m.find() ? "value" : null;
        }
        for (Map.Entry<String, String> form : forms(secret, table).entrySet()) {
            if (text.contains(form.getValue())) {
                return form.getKey();
            }
        }
        return null;
    }

    /** The plaintext and the forms that give it away. */
    private static Map<String, String> forms(Secret secret, boolean table) {
        Map<String, String> forms = new LinkedHashMap<>();
        String value = secret.value();
        forms.put("plain", value);
        forms.putIfAbsent("url-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.putIfAbsent("json-escaped", value.replace("/", "\\/"));
        if (secret.kind().equals("card number")) {
            String digits = value.replaceAll("[^0-9]", "");
            forms.put("digits", digits);
            forms.put("grouped by 4", digits.replaceAll("(.{4})(?!$)", "$1 "));
            forms.put("dashed", digits.replaceAll("(.{4})(?!$)", "$1-"));
        }
        if (table) {
            forms.put("hex (bytea)", HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    private static String excerpt(String text, Secret secret) {
        int at = Math.max(0, text.indexOf(secret.value().length() > 7 ? secret.value().substring(0, 7)
                : secret.value()));
        String around = text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
        return around.replace(secret.value(), "<" + secret.kind() + ">");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private interface Flow<T> {
        T run() throws Exception;
    }

    private interface VoidFlow {
        void run() throws Exception;
    }

    private <T> T flow(String name, Flow<T> flow) {
        try {
            return flow.run();
        }
        catch (Throwable ex) {
            flowFailures.add(name + ": " + ex);
            ex.printStackTrace();
            return null;
        }
    }

    private void step(String name, VoidFlow flow) {
        flow(name, () -> {
            flow.run();
            return null;
        });
    }

    private String remember(String kind, String value) {
        return remember(kind, value, false);
    }

    private String remember(String kind, String value, boolean contextual) {
        assertThat(value).as(kind).isNotBlank();
        secrets.putIfAbsent(kind + "|" + value, new Secret(kind, value, contextual));
        return value;
    }

    private String value(String kind) {
        return secrets.values().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow().value();
    }

    private HttpResponse<String> login(String email, String password) {
        return portal.post("/api/v1/auth/user/login", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\"}", Map.of());
    }

    private static String sellerLogin(String activationId, String username, String password) {
        return "{\"terminalActivationId\":\"" + activationId + "\",\"username\":\"" + username + "\",\"password\":\""
                + password + "\"}";
    }

    private HttpResponse<String> signed(TestHttp pgw, HmacSigner signer, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>(signer.headers("POST",
                URI.create(platform.url("mpac-pgw") + path), body.getBytes(StandardCharsets.UTF_8)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return pgw.post(path, body, headers);
    }

    private void signedOk(TestHttp pgw, HmacSigner signer, String path, String body) {
        HttpResponse<String> response = signed(pgw, signer, path, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 201);
    }

    private String token(int length) {
        String alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** A Luhn-valid 16-digit Visa-like number that is no sandbox test card (so the sandbox declines it). */
    private String randomPan() {
        StringBuilder pan = new StringBuilder("49");
        while (pan.length() < 15) {
            pan.append(random.nextInt(10));
        }
        return pan.append(luhnDigit(pan.toString())).toString();
    }

    private static String luhnInvalid(String pan) {
        int last = pan.charAt(pan.length() - 1) - '0';
        return pan.substring(0, pan.length() - 1) + ((last + 1) % 10);
    }

    private static int luhnDigit(String partial) {
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int digit = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** RFC 6238 TOTP: SHA-1, 6 digits, 30 s steps. */
    private static String totp(String base32Secret, Instant at) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase().replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private String id(HttpResponse<String> response) {
        return created(response).get("id").asString();
    }

    private JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().getPath() + " " + response.body()).isIn(200, 201);
        return json(response);
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().getPath() + " " + response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode json(HttpResponse<String> response) {
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
