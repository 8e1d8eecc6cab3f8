package com.mpac.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every service must do once booted on a real PostgreSQL, whatever its features: probes, metrics, its
 * OpenAPI document, its own schema migrated, and unclaimed routes closed. Each service extends this once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceBootIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String serviceName;

    @Value("${spring.flyway.default-schema}")
    String schema;

    @Value("${spring.threads.virtual.enabled}")
    boolean virtualThreads;

    @Value("${spring.jpa.open-in-view:false}")
    boolean openInView;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldReportLivenessAndReadinessUp() {
        for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness" }) {
            HttpResponse<String> response = get(probe);

            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void shouldExposePrometheusMetrics() {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_threads_live_threads").contains("hikaricp_connections");
    }

    @Test
    void shouldPublishItsOpenApiDocument() {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\":\"3.");
    }

    @Test
    void shouldMigrateItsOwnSchemaIncludingTheSharedTables() {
        int tables = jdbc.sql("""
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = :schema AND table_name IN ('s2s_nonce', 'idempotency_key',
                    'flyway_schema_history', 'flyway_shared_history')
                """).param("schema", schema).query(Integer.class).single();

        assertThat(tables).isEqualTo(4);
    }

    @Test
    void shouldRunWithThePlatformPolicy() {
        assertThat(virtualThreads).isTrue();
        assertThat(openInView).isFalse();
    }

    @Test
    void shouldCloseRoutesNoFeatureOpened() {
        HttpResponse<String> response = get("/no-such-route");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
    }

    protected HttpResponse<String> get(String path) {
        return TestHttp.localhost(port).get(path);
    }

    protected int port() {
        return port;
    }

    protected String serviceName() {
        return serviceName;
    }
}
