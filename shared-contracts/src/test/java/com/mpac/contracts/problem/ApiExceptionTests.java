package com.mpac.contracts.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiExceptionTests {

    private static final ProblemType CONFLICT = new ProblemType("bill_unexpected_state", HttpStatus.CONFLICT,
            "Unexpected state");

    @Test
    void shouldCarryExtensionMembers() {
        ApiException ex = new ApiException(CONFLICT, "The bill is PAID.", Map.of("bill_status", "PAID"));

        assertThat(ex.properties()).containsEntry("bill_status", "PAID");
        assertThat(ex.getMessage()).isEqualTo("The bill is PAID.");
    }

    @Test
    void shouldRefuseAPropertyNamedLikeAMemberOfEveryProblemDocument() {
        for (String reserved : new String[] { "type", "title", "status", "detail", "instance", "code" }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ApiException(CONFLICT, "The bill is PAID.", Map.of(reserved, "PAID")))
                    .withMessageContaining(reserved);
        }
    }
}
