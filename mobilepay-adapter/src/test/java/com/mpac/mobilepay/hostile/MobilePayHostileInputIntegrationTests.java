package com.mpac.mobilepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mobilepay.MobilePayApi;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.TestPlatformKeys;
import com.mpac.testsupport.hostile.Authenticator;
import com.mpac.testsupport.hostile.ErrorShape;
import com.mpac.testsupport.hostile.HostileReport;
import com.mpac.testsupport.hostile.HostileRequests;
import com.mpac.testsupport.hostile.HostileRun;
import com.mpac.testsupport.hostile.TableSnapshots;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the MobilePay POS document, attacked with generated hostile input by a real merchant: its
 * {@code accessToken} and {@code bioCode} are the real ones wherever they are not the parameter under attack (the
 * document lists them as query parameters, so the generator fills them in). Errors keep the seed's
 * {@code {"code","message"}} shape. The expiry sweep is slowed down so it does not write while refusals are checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=true", "mpac.mobilepay.expiry-sweep-interval=1h" })
// First of the module's test classes: other contexts' background jobs would write to the tables it fingerprints.
@Order(1)
class MobilePayHostileInputIntegrationTests {

    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "s2s_nonce", "the HMAC verifier records a valid push's nonce before the handler refuses it (replay)",
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says");

    static final ErrorShape SEED_SHAPE = ErrorShape.jsonObject("{code, message}",
            (status, body) -> body.path("code").isString() && body.path("message").isString());

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationInTheSeedsShapeAndWriteNothing() {
        MobilePayApi api = new MobilePayApi(port, json);
        MobilePayApi.PosMerchant pm = api.onboardWithPos();
        MobilePayApi.Merchant merchant = pm.merchant();
        String payment = api.start(merchant, "order-hostile", "10.00").get("paymentId").asString();
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        Authenticator caller = request -> request.operation().endsWith(MerchantConfiguration.PATH)
                ? request.withHeaders(portal.headers(request.method(), URI.create(request.pathAndQuery()),
                        request.bodyOrEmpty()))
                : request;

        HostileRequests generator = HostileRequests.fromOpenApi(TestHttp.localhost(port).get("/v3/api-docs").body())
                .seed(11).budgetPerOperation(25).unknownFieldsRefused(false)
                .knownValue("accessToken", merchant.accessToken()).knownValue("bioCode", merchant.bioCode())
                .knownValue("posId", pm.posId()).knownValue("terminalId", merchant.terminalId())
                .knownValue("storeId", merchant.storeId()).knownValue("paymentId", payment)
                .build();
        HostileReport report = new HostileRun("mobilepay-adapter", "http://localhost:" + port, caller,
                ErrorShape.either(SEED_SHAPE, ErrorShape.problemJson()),
                new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN))
                // the sandbox shopper's check-in body is optional: a JSON null is no body, a check-in with defaults
                .documentedSuccess(request -> request.operation().endsWith("/checkin")
                        && request.variant().equals("top-level null"))
                .run(generator.requests());

        System.out.println(report.summary());
        assertThat(report.operations()).isEqualTo(generator.operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
    }
}
