package com.mpac.pgw.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.pgw.support.TestMerchant;
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
 * Every operation of the gateway's OpenAPI document, attacked with generated hostile input by a real merchant (its
 * HMAC key, a fresh Idempotency-Key per POST) and, for the configuration push, by svc-portal's platform key.
 */
// A schema of its own: the other classes' contexts (and their rows) leave payments pending at stopped stubs, whose
// reconciliation would write to shared tables while this test fingerprints them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "mpac.sandbox-enabled=true",
        "spring.flyway.default-schema=pgw_hostile" })
class PaymentGatewayHostileInputIntegrationTests {

    /** Tables a refused request writes to by design, each with the reason. */
    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "s2s_nonce", "the HMAC verifier records a valid request's nonce before the handler refuses it (replay)",
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationWithAProblemAndWriteNothing() {
        TestMerchant merchant = TestMerchant.onboard(port, json, null);
        String intent = merchant.createIntent("{\"amount\":1500,\"currency\":\"JPY\"}").get("id").asString();
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        Authenticator caller = request -> {
            if (request.operation().endsWith(MerchantConfiguration.PATH)) {
                return request.withHeaders(portal.headers(request.method(), URI.create(request.pathAndQuery()),
                        request.bodyOrEmpty()));
            }
            Map<String, String> headers = new HashMap<>(merchant.signed(request.method(), request.pathAndQuery(),
                    request.bodyText()));
            if (request.method().equals("POST")) {
                headers.put("Idempotency-Key", UUID.randomUUID().toString());
            }
            return request.withHeaders(headers);
        };

        HostileRequests generator = HostileRequests.fromOpenApi(TestHttp.localhost(port).get("/v3/api-docs").body())
                .seed(11).budgetPerOperation(40).unknownFieldsRefused(true)
                .knownValue("id", intent).knownValue("store_id", merchant.storeId())
                .knownValue("terminal_id", merchant.terminalId()).knownValue("merchant_id", merchant.id())
                .build();
        HostileReport report = new HostileRun("mpac-pgw", "http://localhost:" + port, caller, ErrorShape.problemJson(),
                new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(generator.requests());

        System.out.println(report.summary());
        assertThat(report.operations()).isEqualTo(generator.operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
    }
}
