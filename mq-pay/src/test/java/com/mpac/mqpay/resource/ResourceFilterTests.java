package com.mpac.mqpay.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;

class ResourceFilterTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldTranslateWhereIntoWhitelistedColumnsAndBindParameters() {
        ResourceFilter.Query query = ResourceFilter.parseFilter(Resource.TRANSACTIONS, """
                {"where":{"sourceType":"Order","total":{"gte":50000,"lt":200000},
                  "or":[{"status":{"inq":["300_PARTIAL","304_SETTLED"]}},{"sourceUid":{"like":"ORD-%"}}]},
                 "order":["createdAt DESC","total"],"limit":20,"skip":40,"fields":["id","status"]}
                """, json);

        assertThat(query.where()).isEqualTo("(r.source_type = :p0 AND r.total >= :p1 AND r.total < :p2 AND "
                + "((r.status IN (:p3, :p4)) OR (r.source_uid LIKE :p5)))");
        assertThat(query.params()).containsEntry("p0", "Order").containsEntry("p1", new BigDecimal("50000"))
                .containsEntry("p5", "ORD-%");
        assertThat(query.orderBy()).isEqualTo("r.created_at DESC, r.total ASC, r.id ASC");
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.skip()).isEqualTo(40);
        assertThat(query.fields()).extracting(ResourceField::name).containsExactly("id", "status");
    }

    @Test
    void shouldTypeValuesByField() {
        UUID id = UUID.randomUUID();
        ResourceFilter.Query query = ResourceFilter.parseFilter(Resource.PAYMENT_ATTEMPTS,
                "{\"where\":{\"transactionId\":\"" + id + "\",\"expiresAt\":{\"gt\":\"2026-01-15T10:35:00Z\"},"
                        + "\"parentId\":null,\"note\":{\"neq\":null}}}", json);

        assertThat(query.params().get("p0")).isEqualTo(id);
        assertThat(query.params().get("p1")).isInstanceOf(java.sql.Timestamp.class);
        assertThat(query.where()).contains("r.parent_id IS NULL").contains("r.note IS NOT NULL");
    }

    @Test
    void shouldRefuseHostileAndUnknownInput() {
        List<String> hostile = List.of(
                "{\"where\":{\"status; DROP TABLE payment_transaction; --\":\"x\"}}",
                "{\"where\":{\"merchant_id\":\"m_other\"}}",
                "{\"where\":{\"merchantId\":\"m_other\"}}",
                "{\"where\":{\"status\":{\"regexp\":\".*\"}}}",
                "{\"where\":{\"status\":{\"eq) OR (1=1\":\"x\"}}}",
                "{\"where\":{\"total\":\"1 OR 1=1\"}}",
                "{\"where\":{\"id\":\"1' OR '1'='1\"}}",
                "{\"where\":{\"status\":{\"inq\":[]}}}",
                "{\"where\":{\"total\":{\"like\":\"1%\"}}}",
                "{\"where\":{\"or\":{\"status\":\"x\"}}}",
                "{\"order\":\"total; DROP TABLE payment_transaction\"}",
                "{\"order\":\"total DESC NULLS FIRST\"}",
                "{\"order\":\"deleted_at\"}",
                "{\"limit\":100000}",
                "{\"limit\":-1}",
                "{\"skip\":\"10\"}",
                "{\"fields\":[\"merchant_id\"]}",
                "{\"include\":[\"attempts\"]}",
                "{\"where\":" + "{\"and\":[".repeat(8) + "{}" + "]}".repeat(8) + "}",
                "[]",
                "not json",
                "{\"where\":{\"createdAt\":{\"gt\":\"yesterday\"}}}");

        for (String filter : hostile) {
            assertThatThrownBy(() -> ResourceFilter.parseFilter(Resource.TRANSACTIONS, filter, json)).as(filter)
                    .isInstanceOf(MqPayException.class)
                    .extracting(ex -> ((MqPayException) ex).code()).isEqualTo(ErrorCode.INVALID_FILTER);
        }
    }

    @Test
    void shouldRefuseOversizedFilters() {
        String big = "{\"where\":{\"sourceId\":\"" + "x".repeat(5000) + "\"}}";
        StringBuilder many = new StringBuilder("{\"where\":{\"or\":[");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",").append("{\"sourceId\":\"s").append(i).append("\"}");
        }
        many.append("]}}");

        assertThatThrownBy(() -> ResourceFilter.parseFilter(Resource.TRANSACTIONS, big, json))
                .isInstanceOf(MqPayException.class);
        assertThatThrownBy(() -> ResourceFilter.parseFilter(Resource.TRANSACTIONS, many.toString(), json))
                .isInstanceOf(MqPayException.class).hasMessageContaining("50 conditions");
    }
}
