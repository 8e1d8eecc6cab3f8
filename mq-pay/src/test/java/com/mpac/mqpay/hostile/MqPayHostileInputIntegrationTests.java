package com.mpac.mqpay.hostile;

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
import com.mpac.mqpay.MqPayApi;
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
 * Every operation of mq-pay's OpenAPI document, attacked with generated hostile input by a real merchant signing
 * with its API key (svc-portal's platform key for the configuration push). Errors keep the seed's
 * {@code {"error":{"code":...,"message":...}}} envelope. The expiry sweep is slowed down so that it does not touch
 * the tables while the suite checks that refusals wrote nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox.enabled=true", "mpac.mqpay.expiry-sweep-interval=1h" })
// First of the module's test classes: other contexts' background jobs would write to the tables it fingerprints.
@Order(1)
class MqPayHostileInputIntegrationTests {

    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "s2s_nonce", "the HMAC verifier records a valid request's nonce before the handler refuses it (replay)",
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says");

    static final ErrorShape ENVELOPE = ErrorShape.jsonObject("{\"error\":{\"code\",\"message\"}}",
            (status, body) -> body.path("error").path("code").isString()
                    && body.path("error").path("message").isString());

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationInTheSeedsEnvelopeAndWriteNothing() {
        MqPayApi api = new MqPayApi(port, json);
        MqPayApi.Merchant merchant = api.onboard();
        String attempt = api.checkoutQr(merchant, MqPayApi.newSource(), 50_000).path("attempt").path("id").asString();
        HmacSigner signer = merchant.signer();
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        Authenticator caller = request -> request.withHeaders(
                (request.operation().endsWith(MerchantConfiguration.PATH) ? portal : signer)
                        .headers(request.method(), URI.create(request.pathAndQuery()), request.bodyOrEmpty()));

        HostileRequests generator = HostileRequests.fromOpenApi(TestHttp.localhost(port).get("/v3/api-docs").body())
                .seed(11).budgetPerOperation(30).unknownFieldsRefused(false)
                .knownValue("attemptId", attempt).knownValue("id", attempt)
                .build();
        HostileReport report = new HostileRun("mq-pay", "http://localhost:" + port, caller,
                ErrorShape.either(ENVELOPE, ErrorShape.problemJson()),
                new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(generator.requests());

        System.out.println(report.summary());
        assertThat(report.operations()).isEqualTo(generator.operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
    }
}
