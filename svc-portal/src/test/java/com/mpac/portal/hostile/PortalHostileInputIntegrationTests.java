package com.mpac.portal.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.portal.registry.RegistryFixtures;
import com.mpac.portal.registry.RegistryFixtures.Tree;
import com.mpac.testsupport.TestHttp;
import com.mpac.testsupport.hostile.Authenticator;
import com.mpac.testsupport.hostile.ErrorShape;
import com.mpac.testsupport.hostile.HostileReport;
import com.mpac.testsupport.hostile.HostileRequest;
import com.mpac.testsupport.hostile.HostileRequests;
import com.mpac.testsupport.hostile.HostileRun;
import com.mpac.testsupport.hostile.TableSnapshots;

/**
 * Every operation of svc-portal's OpenAPI document, attacked with generated hostile input by a platform admin with
 * a real human token (the registry fixtures' tokens, signed by the portal's own key), so requests reach every
 * handler. Errors are RFC 9457 problems with a code; unknown fields are refused (PLATFORM.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// First of the module's test classes: other contexts' background jobs would write to the tables it fingerprints.
@Order(1)
class PortalHostileInputIntegrationTests {

    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "s2s_nonce", "the HMAC verifier records a valid request's nonce before the handler refuses it (replay)",
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says",
            "throttle_bucket", "failed logins, MFA codes and activation codes are counted to throttle guessing",
            "audit_event", "refused sign-ins and other security refusals are audited by design",
            "config_delivery", "the background dispatcher records its push attempts of earlier accepted changes");

    /** The device token endpoint is an OAuth2 token endpoint: RFC 6749 section 5.2 errors. */
    static final ErrorShape OAUTH2_ERROR = ErrorShape.jsonObject("RFC 6749 {error}",
            (status, body) -> (status == 400 || status == 401) && body.path("error").asString("")
                    .matches("invalid_request|invalid_client|invalid_grant|unauthorized_client|"
                            + "unsupported_grant_type|invalid_scope"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.mpac.portal.signing.HumanTokens humanTokens;

    @Autowired
    com.mpac.portal.signing.TokenSigner signer;

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationWithAProblemAndWriteNothing() {
        RegistryFixtures fixtures = new RegistryFixtures(jdbc, humanTokens, signer);
        Tree tree = fixtures.tree();
        String admin = fixtures.platformAdmin();
        Authenticator caller = Authenticator.bearer(() -> admin);

        HostileRequests generator = HostileRequests.fromOpenApi(TestHttp.localhost(port).get("/v3/api-docs").body())
                .seed(11).budgetPerOperation(15).unknownFieldsRefused(true)
                .knownValue("pspId", tree.pspId()).knownValue("merchantId", tree.merchantId())
                .knownValue("storeId", tree.storeId()).knownValue("terminalId", tree.terminalId())
                .build();
        // Operations that end sessions or change the signing keys go last, so the others run authenticated.
        List<HostileRequest> requests = new ArrayList<>(generator.requests());
        requests.sort(Comparator.comparing(request -> request.operation().matches(".*(logout|signing|revoke).*")));
        HostileReport report = new HostileRun("svc-portal", "http://localhost:" + port, caller,
                ErrorShape.either(ErrorShape.problemJson(), OAUTH2_ERROR), new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(requests);

        System.out.println(report.summary());
        assertThat(report.operations()).isEqualTo(generator.operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
    }
}
