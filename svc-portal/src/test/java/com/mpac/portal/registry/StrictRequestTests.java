package com.mpac.portal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class StrictRequestTests {

    record Sample(String name, Integer count) implements StrictRequest {
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldReadDeclaredFields() {
        Sample sample = json.readValue("{\"name\":\"a\",\"count\":3}", Sample.class);

        assertThat(sample).isEqualTo(new Sample("a", 3));
    }

    @Test
    void shouldRefuseAFieldTheTypeDoesNotDeclare() {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"status\":\"ACTIVE\"}", Sample.class))
                .hasMessageContaining("Unknown field 'status'");
        assertThatThrownBy(() -> json.readValue("{\"passwordHash\":{\"x\":1},\"name\":\"a\"}", Sample.class))
                .hasMessageContaining("Unknown field 'passwordHash'");
    }
}
