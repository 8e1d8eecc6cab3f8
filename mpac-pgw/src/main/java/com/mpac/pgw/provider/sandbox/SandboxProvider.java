package com.mpac.pgw.provider.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SANDBOX provider itself: the other party, keeping its own books, so that the connector, reconciliation and
 * webhooks run the same code paths against it as against a real provider.
 */
@Component
class SandboxProvider {

    static final Duration QR_LIFETIME = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxProvider(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Payment(String reference, String paymentMethod, long amount, String currency, boolean manualCapture,
            String status, long capturedAmount, long refundedAmount, Instant expiresAt) {
    }

    /** Records a payment once per reference; a repeated request finds the first one, as a real provider would. */
    @Transactional
    Payment create(String reference, String paymentMethod, long amount, String currency, boolean manualCapture,
            String status) {
        long captured = status.equals("captured") ? amount : 0;
        jdbc.sql("""
                INSERT INTO sandbox_payment (reference, payment_method, amount, currency, manual_capture, status,
                    captured_amount, expires_at)
                VALUES (:reference, :method, :amount, :currency, :manual, :status, :captured, :expiresAt)
                ON CONFLICT (reference) DO NOTHING
                """)
                .param("reference", reference).param("method", paymentMethod).param("amount", amount)
                .param("currency", currency).param("manual", manualCapture).param("status", status)
                .param("captured", captured)
                .param("expiresAt", java.sql.Timestamp.from(clock.instant().plus(QR_LIFETIME)))
                .update();
        return find(reference).orElseThrow();
    }

    /** The payment as the provider sees it now; an unpaid QR past its lifetime has expired. */
    Optional<Payment> find(String reference) {
        jdbc.sql("""
                UPDATE sandbox_payment SET status = 'expired'
                WHERE reference = :reference AND status = 'awaiting_shopper' AND expires_at < :now
                """)
                .param("reference", reference).param("now", java.sql.Timestamp.from(clock.instant())).update();
        return jdbc.sql("SELECT * FROM sandbox_payment WHERE reference = :reference")
                .param("reference", reference)
                .query((rs, n) -> new Payment(rs.getString("reference"), rs.getString("payment_method"),
                        rs.getLong("amount"), rs.getString("currency"), rs.getBoolean("manual_capture"),
                        rs.getString("status"), rs.getLong("captured_amount"), rs.getLong("refunded_amount"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /** Moves a payment from one status to another; {@code false} if it was not in {@code from}. */
    @Transactional
    boolean move(String reference, String from, String to, long capturedAmount) {
        return jdbc.sql("""
                UPDATE sandbox_payment SET status = :to,
                    captured_amount = CASE WHEN :to = 'captured' THEN :captured ELSE captured_amount END
                WHERE reference = :reference AND status = :from
                """)
                .param("reference", reference).param("from", from).param("to", to).param("captured", capturedAmount)
                .update() == 1;
    }

    /** A refund, once per refund reference; {@code false} if it would exceed what was captured. */
    @Transactional
    boolean refund(String paymentReference, String refundReference, long amount) {
        boolean known = jdbc.sql("SELECT count(*) FROM sandbox_refund WHERE reference = :reference")
                .param("reference", refundReference).query(Long.class).single() == 1;
        if (known) {
            return true;
        }
        int updated = jdbc.sql("""
                UPDATE sandbox_payment SET refunded_amount = refunded_amount + :amount
                WHERE reference = :reference AND status = 'captured' AND refunded_amount + :amount <= captured_amount
                """)
                .param("reference", paymentReference).param("amount", amount).update();
        if (updated == 1) {
            jdbc.sql("INSERT INTO sandbox_refund (reference, payment_reference, amount) VALUES (:r, :p, :a)")
                    .param("r", refundReference).param("p", paymentReference).param("a", amount).update();
        }
        return updated == 1;
    }

    boolean hasRefund(String refundReference) {
        return jdbc.sql("SELECT count(*) FROM sandbox_refund WHERE reference = :reference")
                .param("reference", refundReference).query(Long.class).single() == 1;
    }
}
