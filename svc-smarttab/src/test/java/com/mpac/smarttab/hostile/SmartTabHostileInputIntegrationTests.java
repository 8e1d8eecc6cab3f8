package com.mpac.smarttab.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import com.mpac.smarttab.support.SmartTabIntegrationTest;
import com.mpac.testsupport.hostile.Authenticator;
import com.mpac.testsupport.hostile.ErrorShape;
import com.mpac.testsupport.hostile.HostileReport;
import com.mpac.testsupport.hostile.HostileRequest;
import com.mpac.testsupport.hostile.HostileRequests;
import com.mpac.testsupport.hostile.HostileRun;
import com.mpac.testsupport.hostile.TableSnapshots;

/**
 * Every operation of svc-smarttab's OpenAPI document, attacked with generated hostile input by a store manager (a
 * human token from the portal stub, so staff-only routes such as settlements and refunds above the limit are
 * reached) and, with a smaller budget, by the store's terminal (device token). Path ids, and the ids bodies name,
 * are real rows seeded first: an open order, a billed one, a bill, a succeeded cash payment, a customer and an open
 * settlement. Errors are RFC 9457 problems with a code; unknown fields are refused (PLATFORM.md).
 * <p>
 * A schema of its own: the other tests' contexts leave pending payments and refunds whose background poll would
 * write to shared tables while this test fingerprints them.
 */
@TestPropertySource(properties = "spring.flyway.default-schema=smarttab_hostile")
class SmartTabHostileInputIntegrationTests extends SmartTabIntegrationTest {

    /**
     * Tables a refused request writes to by design, each with the reason. Only this one: SmartTab takes no S2S HMAC
     * calls (mpac-pgw's webhooks are Standard Webhooks, refused before anything is recorded), so {@code s2s_nonce}
     * stays in the check and must not change either.
     */
    static final Map<String, String> WRITTEN_BY_DESIGN = Map.of(
            "idempotency_key", "4xx answers are kept under their Idempotency-Key for 48 h, as the platform says");

    @Autowired
    DataSource dataSource;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Test
    void shouldAnswerHostileInputOnEveryOperationWithAProblemAndWriteNothing() {
        Tenant tenant = newTenant();
        String caller = tenant.manager();
        Seeds seeds = seed(tenant, caller);

        String document = http().get("/v3/api-docs").body();
        List<HostileRequest> requests = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        // The generator knows one value per name; {id} names a different kind of row under each resource.
        for (Map.Entry<String, String> resource : List.of(Map.entry("/orders", seeds.openOrder()),
                Map.entry("/bills", seeds.bill()), Map.entry("/payments", seeds.payment()),
                Map.entry("/customers", seeds.customer()), Map.entry("/settlements", seeds.settlement()),
                Map.entry("/webhooks", "unused"))) {
            HostileRequests generator = generator(document, 40, seeds, resource.getValue(),
                    operation -> operation.split(" ")[1].startsWith(resource.getKey()));
            operations.addAll(generator.operations());
            requests.addAll(generator.requests());
        }
        // Operations that end a row's life (cancel an order, close a settlement) go last, so the others reach it alive.
        requests.sort(Comparator.comparing(request -> request.operation().matches(".*/(cancel|close)$")));
        HostileReport report = new HostileRun("svc-smarttab", baseUrl(), withIdempotencyKey(caller),
                ErrorShape.problemJson(), new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(requests);

        // The terminal's own view (its token is a device token): the same document, a smaller budget.
        List<HostileRequest> deviceRequests = new ArrayList<>();
        for (Map.Entry<String, String> resource : List.of(Map.entry("/orders", seeds.openOrder()),
                Map.entry("/bills", seeds.bill()), Map.entry("/payments", seeds.payment()),
                Map.entry("/settlements", seeds.settlement()))) {
            deviceRequests.addAll(generator(document, 5, seeds, resource.getValue(),
                    operation -> operation.split(" ")[1].startsWith(resource.getKey())).requests());
        }
        HostileReport device = new HostileRun("svc-smarttab (terminal)", baseUrl(),
                withIdempotencyKey(tenant.device()), ErrorShape.problemJson(),
                new TableSnapshots(dataSource, schema, WRITTEN_BY_DESIGN)).run(deviceRequests);

        System.out.println(report.summary());
        System.out.println(device.summary());
        assertThat(report.operations()).isEqualTo(operations.size());
        assertThat(operations).hasSize(HostileRequests.fromOpenApi(document).build().operations().size());
        assertThat(report.failures()).as(report.details()).isEmpty();
        assertThat(device.failures()).as(device.details()).isEmpty();
    }

    private HostileRequests generator(String document, int budget, Seeds seeds, String id,
            java.util.function.Predicate<String> operations) {
        return HostileRequests.fromOpenApi(document).seed(11).budgetPerOperation(budget).unknownFieldsRefused(true)
                .operations(operations).knownValue("id", id).knownValue("order_id", seeds.orderToBill())
                .knownValue("bill_id", seeds.billToPay()).knownValue("customer_id", seeds.customer())
                .knownValue("store_id", seeds.storeId()).knownValue("terminal_id", seeds.terminalId())
                .knownValue("currency", "JPY").build();
    }

    /** The bearer token and, on a POST, a fresh Idempotency-Key (every POST requires one). */
    private static Authenticator withIdempotencyKey(String token) {
        Authenticator bearer = Authenticator.bearer(() -> token);
        return request -> {
            HostileRequest authenticated = bearer.authenticate(request);
            return request.method().equals("POST")
                    ? authenticated.withHeaders(Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                    : authenticated;
        };
    }

    record Seeds(String storeId, String terminalId, String openOrder, String orderToBill, String bill,
            String billToPay, String payment, String customer, String settlement) {
    }

    private Seeds seed(Tenant tenant, String caller) {
        String customer = expect(post("/customers", "{\"name\":\"Hana Sato\",\"phone\":\"+81312345678\","
                + "\"email\":\"hana@example.com\"}", caller), 201).path("id").asString();
        String settlement = expect(post("/settlements", "{\"scope\":\"store\"}", caller), 201).path("id").asString();
        String openOrder = jpyOrder(tenant);
        String orderToBill = jpyOrder(tenant);
        String bill = billOf(tenant, jpyOrder(tenant));
        String billToPay = billOf(tenant, jpyOrder(tenant));
        String paid = billOf(tenant, jpyOrder(tenant));
        String payment = expect(post("/payments", "{\"bill_id\":\"" + paid + "\",\"method\":\"cash\","
                + "\"tendered\":5000}", caller), 201).path("id").asString();
        return new Seeds(tenant.storeId(), tenant.terminalId(), openOrder, orderToBill, bill, billToPay, payment,
                customer, settlement);
    }
}
