package com.mpac.mqpay.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answers of {@code /payments/*}: the seed's fields, amounts as 4-decimal strings, plus a few useful extras. */
final class PaymentResponses {

    private PaymentResponses() {
    }

    record CheckoutResponse(CheckoutTransaction transaction, CheckoutAttempt attempt, CheckoutPayment payment) {
    }

    record CheckoutTransaction(UUID id, String number, TransactionStatus status, String total, String paid) {
    }

    record CheckoutAttempt(UUID id, String code, AttemptStatus status, Provider provider, PaymentMethod method,
            String amount) {
    }

    record CheckoutPayment(String qrCode, String qrUrl, Instant expiresAt, String amount) {
    }

    record SystemIpnResponse(IpnTransaction transaction, IpnAttempt attempt, String change) {
    }

    record IpnTransaction(UUID id, TransactionStatus status, String paid) {
    }

    record IpnAttempt(UUID id, AttemptStatus status, String tendered) {
    }

    record CancelResponse(StatusOnly transaction, List<ChildAttempt> cancelledAttempts) {
    }

    record StatusOnly(UUID id, TransactionStatus status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChildAttempt(UUID id, AttemptType type, AttemptStatus status, String amount, UUID parentId) {
    }

    record VerifyResponse(VerifyAttempt attempt, ProviderStatus providerStatus) {
    }

    record VerifyAttempt(UUID id, AttemptStatus status, Provider provider) {
    }

    record RefundResponse(ChildAttempt refundAttempt) {
    }
}
