package com.mpac.mqpay.sandbox;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.mqpay.payment.ProviderStatus;
import com.mpac.mqpay.payment.ProviderStatusSource;

/**
 * The sandbox's stand-in for VNPAY's own books: which bills "VNPAY" was paid for, and the IPN it sent for each.
 * Verify asks it, as it would ask VNPAY's check-transaction API.
 */
@Repository
@ConditionalOnBooleanProperty("mpac.sandbox.enabled")
class SandboxVnpayLedger implements ProviderStatusSource {

    private final JdbcClient jdbc;

    SandboxVnpayLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a payment of the bill; {@code false} when the bill was paid already (VNPAY takes a bill once). */
    boolean record(String txnId, String qrTrace, String merchantCode, BigDecimal amount, String responseCode,
            String payDate, String ipn) {
        return jdbc.sql("""
                INSERT INTO sandbox_vnpay_payment (txn_id, qr_trace, merchant_code, amount, response_code, pay_date,
                    ipn)
                VALUES (:txnId, :qrTrace, :merchantCode, :amount, :responseCode, :payDate, :ipn)
                ON CONFLICT (txn_id) DO NOTHING
                """)
                .param("txnId", txnId).param("qrTrace", qrTrace).param("merchantCode", merchantCode)
                .param("amount", amount).param("responseCode", responseCode).param("payDate", payDate)
                .param("ipn", ipn)
                .update() == 1;
    }

    Optional<String> ipn(String txnId) {
        return jdbc.sql("SELECT ipn FROM sandbox_vnpay_payment WHERE txn_id = :txnId").param("txnId", txnId)
                .query(String.class).optional();
    }

    /** The merchant VNPAY knows by this merchant code (an enabled VNPAY account). */
    Optional<String> merchantIdByCode(String merchantCode) {
        return jdbc.sql("""
                SELECT merchant_id FROM merchant_provider
                WHERE provider = 'VNPAY' AND enabled
                  AND coalesce(identifiers ->> 'merchant_code', identifiers ->> 'tmn_code') = :code
                ORDER BY merchant_id LIMIT 1
                """)
                .param("code", merchantCode).query(String.class).optional();
    }

    @Override
    public Optional<ProviderStatus> query(String merchantId, String reference) {
        return jdbc.sql("SELECT response_code FROM sandbox_vnpay_payment WHERE txn_id = :txnId")
                .param("txnId", reference).query(String.class).optional()
                .map(code -> "00".equals(code) ? new ProviderStatus("00", "Success")
                        : new ProviderStatus("02", "Payment failed at VNPAY (code " + code + ")"));
    }
}
