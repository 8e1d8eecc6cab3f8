package com.mpac.contracts.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class PlatformExceptionHandlerTests {

    private final PlatformExceptionHandler handler = new PlatformExceptionHandler() {
    };

    @Test
    void shouldAnswerAValueTheDatabaseCannotHoldAsBadInput() {
        for (String sqlState : new String[] { "22021", "22003", "22008", "22001" }) {
            ResponseEntity<Object> answer = handler.handleDataIntegrityViolation(violation(sqlState));

            assertThat(answer.getStatusCode().value()).as(sqlState).isEqualTo(400);
            assertThat(((ProblemDetail) answer.getBody()).getProperties()).as(sqlState)
                    .containsEntry("code", "validation_failed");
        }
    }

    @Test
    void shouldNotBlameTheCallerForAConstraintTheServiceBroke() {
        ResponseEntity<Object> answer = handler.handleDataIntegrityViolation(violation("23505"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
    }

    private static DataIntegrityViolationException violation(String sqlState) {
        return new DataIntegrityViolationException("statement failed", new SQLException("refused", sqlState));
    }
}
