package com.mpac.payreq.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestIntegrationTest;
import com.mpac.testsupport.TestPlatformKeys;
import com.mpac.testsupport.hostile.Authenticator;
import com.mpac.testsupport.hostile.ErrorShape;
import com.mpac.testsupport.hostile.HostileReport;
import com.mpac.testsupport.hostile.HostileRequests;
import com.mpac.testsupport.hostile.HostileRun;
import com.mpac.testsupport.hostile.TableSnapshots;

/**
 * Every operation of the Payment Request API's OpenAPI document, attacked with generated hostile input by a real API
 * user (Basic {@code CustomerCode/Username}, pushed by svc-portal; svc-portal's platform key for the push itself).
 * Errors keep the seed's {@code magTranID/errorCode/errorMessage} shape; unknown fields are ignored, as the README
 * documents.
 */
// First of the module's test classes: other contexts' background jobs would write to the tables it fingerprints.
@Order(1)
class PaymentRequestHostileInputIntegrationTests extends PaymentRequestIntegrationTest {

    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "s2s_nonce", "the HMAC verifier records a valid push's nonce before the handler refuses it (replay)",
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says",
            "payment_attempt", "the hosted page counts every payment attempt, refused ones included, to rate-limit "
                    + "card testing per request and per address");

    static final ErrorShape SEED_SHAPE = ErrorShape.jsonObject("{magTranID, errorCode, errorMessage}",
            (status, body) -> body.path("magTranID").isString() && body.path("errorCode").isString()
                    && body.path("errorMessage").isString());

    /** The README: a bare 401 for every authentication failure (the WebSocket handshake's included). */
    static final ErrorShape BARE_401 = (status, contentType, body) -> status == 401 && body.isEmpty()
            ? java.util.Optional.empty() : java.util.Optional.of("not a bare 401");

    /** The hosted page's routes (/pay/...) answer shoppers' browsers with an HTML page. */
    static final ErrorShape HTML_PAGE = (status, contentType, body) -> contentType != null
            && contentType.startsWith("text/html") && body.startsWith("<!DOCTYPE html>") ? java.util.Optional.empty()
                    : java.util.Optional.of("not an HTML page");

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationInTheSeedsShapeAndWriteNothing() {
        PaymentRequestApi.Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        HmacSigner portal = new HmacSigner(TestPlatformKeys.keyId("svc-portal"), TestPlatformKeys.secret("svc-portal"),
                Clock.systemUTC());
        Authenticator basic = request -> request.withHeaders(Map.of("Authorization", merchant.authorization()));
        Authenticator caller = request -> request.operation().endsWith(MerchantConfiguration.PATH)
                ? request.withHeaders(portal.headers(request.method(), URI.create(request.pathAndQuery()),
                        request.bodyOrEmpty()))
                : basic.authenticate(request);

        HostileRequests generator = HostileRequests.fromOpenApi(api().http().get("/v3/api-docs").body())
                .seed(11).budgetPerOperation(30).unknownFieldsRefused(false)
                .knownValue("id", id).knownValue("paymentRequestID", id).knownValue("paymentRequestId", id)
                .build();
        HostileReport report = new HostileRun("payment-request", "http://localhost:" + port, caller,
                ErrorShape.either(ErrorShape.either(SEED_SHAPE, ErrorShape.problemJson()),
                        ErrorShape.either(BARE_401, HTML_PAGE)),
                new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(generator.requests());

        System.out.println(report.summary());
        assertThat(report.operations()).isEqualTo(generator.operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
    }
}
