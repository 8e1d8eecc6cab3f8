package com.mpac.testsupport.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HostileRequestsTests {

    static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{
              "/v1/orders":{"post":{"requestBody":{"required":true,"content":{"application/json":{"schema":
                {"$ref":"#/components/schemas/CreateOrder"}}}}},
                "get":{"parameters":[{"name":"limit","in":"query","schema":{"type":"integer"}},
                                     {"name":"q","in":"query","schema":{"type":"string"}}]}},
              "/v1/orders/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,
                "schema":{"type":"string"}}]}}},
             "components":{"schemas":{"CreateOrder":{"type":"object","required":["amount","currency"],
               "properties":{"amount":{"type":"integer","minimum":1},"currency":{"type":"string"},
                 "kind":{"type":"string","enum":["A","B"]},"note":{"type":"string","maxLength":50},
                 "createdAt":{"type":"string","format":"date-time"}}}}}}
            """;

    @Test
    void shouldGiveTheSameRequestsForTheSameSeedAndBudget() {
        List<String> first = describe(HostileRequests.fromOpenApi(DOCUMENT).seed(7).budgetPerOperation(30).build());
        List<String> second = describe(HostileRequests.fromOpenApi(DOCUMENT).seed(7).budgetPerOperation(30).build());
        List<String> otherSeed = describe(HostileRequests.fromOpenApi(DOCUMENT).seed(8).budgetPerOperation(30).build());

        assertThat(first).isEqualTo(second).isNotEqualTo(otherSeed);
    }

    @Test
    void shouldKeepToTheBudgetPerOperationStartingWithTheBaseline() {
        HostileRequests generator = HostileRequests.fromOpenApi(DOCUMENT).budgetPerOperation(12)
                .knownValue("id", "ord_123").build();

        assertThat(generator.operations()).containsExactly("POST /v1/orders", "GET /v1/orders", "GET /v1/orders/{id}");
        Map<String, List<HostileRequest>> byOperation = generator.requests().stream()
                .collect(java.util.stream.Collectors.groupingBy(HostileRequest::operation));
        // each operation has more than 12 candidates (GET /v1/orders/{id}: an unknown id and 10 segments, plus the
        // baseline), so each gets exactly its budget, the baseline first
        assertThat(byOperation).hasSize(3);
        byOperation.values().forEach(requests -> {
            assertThat(requests).hasSize(12);
            assertThat(requests.getFirst().variant()).isEqualTo("baseline");
        });
    }

    @Test
    void shouldAttackBodiesPathsAndQueriesWithTheDocumentedKinds() {
        List<HostileRequest> requests = HostileRequests.fromOpenApi(DOCUMENT).budgetPerOperation(1_000)
                .knownValue("id", "ord_123").build().requests();
        List<String> variants = requests.stream().map(HostileRequest::variant).toList();

        assertThat(variants).contains("truncated JSON", "trailing garbage", "top-level []", "body over 1 MB",
                "nesting 5000 arrays", "unknown field", "body.amount missing", "body.amount=1e30",
                "body.amount=9223372036854775808", "body.kind=<unknown enum>", "body.currency=\"XXX1\"",
                "body.createdAt=\"2024-13-45\"", "body.note=<100k chars>", "body.note=' OR 1=1--",
                "body.note=\"nul\\u0000byte\"", "path.id=<unknown id>", "path.id=%00", "query.limit=1e30",
                "query.q=<script>alert(1)</script>");
        assertThat(requests).filteredOn(r -> r.variant().equals("body.amount=-1")).singleElement()
                .satisfies(r -> assertThat(r.mayBeValid()).isFalse());
        assertThat(requests).filteredOn(r -> r.variant().equals("body.note=' OR 1=1--")).singleElement()
                .satisfies(r -> assertThat(r.mayBeValid()).isTrue());
        assertThat(requests).filteredOn(r -> r.variant().equals("body.amount=1e30")).singleElement()
                .satisfies(r -> assertThat(r.bodyText()).contains("\"amount\":1e30"));
        assertThat(requests).filteredOn(r -> r.variant().equals("body over 1 MB")).singleElement()
                .satisfies(r -> assertThat(r.body().length).isGreaterThan(1_000_000));
        assertThat(requests).filteredOn(r -> r.variant().equals("path.id=<unknown id>")).singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).startsWith("/v1/orders/ord_").isNotEqualTo("/v1/orders/ord_123"));
    }

    @Test
    void shouldSignTheExactBytesSent() {
        HostileRequest request = HostileRequests.fromOpenApi(DOCUMENT).budgetPerOperation(2).build().requests()
                .getFirst();
        Authenticator signing = Authenticator.signing((method, target, body) -> Map.of("X-Signed",
                method + " " + target + " " + body.length));

        assertThat(signing.authenticate(request).headers().get("X-Signed"))
                .isEqualTo("POST /v1/orders " + request.body().length);
    }

    @Test
    void shouldRecognisePlatformProblems() {
        ErrorShape problem = ErrorShape.problemJson();
        String body = "{\"type\":\"https://docs.mpac.dev/problems/x\",\"title\":\"X\",\"status\":400,\"code\":\"x\"}";

        assertThat(problem.mismatch(400, "application/problem+json", body)).isEmpty();
        assertThat(problem.mismatch(409, "application/problem+json", body)).isPresent();
        assertThat(problem.mismatch(400, "application/json", "{\"error\":\"x\"}")).isPresent();
        assertThat(ErrorShape.either(problem, (s, t, b) -> Optional.empty()).mismatch(400, null, "")).isEmpty();
    }

    private static List<String> describe(HostileRequests generator) {
        return generator.requests().stream().map(r -> r.method() + " " + r.pathAndQuery() + " " + r.variant() + " "
                + r.bodyText().hashCode()).toList();
    }
}
