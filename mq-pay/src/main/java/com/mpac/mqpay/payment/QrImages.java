package com.mpac.mqpay.payment;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;

/** The QR payload behind a checkout's qrUrl, while its attempt still waits to be paid. */
@Component
class QrImages {

    private final JdbcClient jdbc;

    QrImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String payloadOfSentAttempt(UUID attemptId) {
        return jdbc.sql("""
                SELECT qr_code FROM payment_attempt
                WHERE id = :id AND status = '204_SENT' AND qr_code IS NOT NULL AND deleted_at IS NULL
                  AND expires_at > now()
                """)
                .param("id", attemptId).query(String.class).optional()
                .orElseThrow(() -> new MqPayException(ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND,
                        "No QR code awaits payment under this id."));
    }
}
