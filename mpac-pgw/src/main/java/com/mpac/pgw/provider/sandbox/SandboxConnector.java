package com.mpac.pgw.provider.sandbox;

import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.mpac.contracts.qr.EmvQr;
import com.mpac.pgw.merchant.ProviderAccount;
import com.mpac.pgw.provider.NextAction;
import com.mpac.pgw.provider.PaymentConnector;
import com.mpac.pgw.provider.PaymentProvider;
import com.mpac.pgw.provider.ProviderOutcome;
import com.mpac.pgw.provider.ProviderPayment;

/**
 * SANDBOX test payment methods, like the big gateways' test cards:
 * <ul>
 * <li>{@code pm_card_visa} succeeds (held for capture when capture is manual);</li>
 * <li>{@code pm_card_declined} and {@code pm_card_insufficient_funds} are declined;</li>
 * <li>{@code pm_card_timeout} succeeds at the provider but the answer never arrives (a read timeout), so the intent
 * stays {@code processing} until reconciliation asks;</li>
 * <li>{@code pm_qr} asks the shopper to scan an EMVCo QR code, which {@code POST /v1/sandbox/payment_intents/{id}/scan}
 * pays (or declines), followed by a signed provider webhook.</li>
 * </ul>
 */
@Component
class SandboxConnector implements PaymentConnector {

    private static final Map<String, String> DECLINES = Map.of("pm_card_declined", "card_declined",
            "pm_card_insufficient_funds", "insufficient_funds");

    private final SandboxProvider provider;

    SandboxConnector(SandboxProvider provider) {
        this.provider = provider;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.SANDBOX;
    }

    @Override
    public Set<String> paymentMethods() {
        return Set.of("pm_card_visa", "pm_card_declined", "pm_card_insufficient_funds", "pm_card_timeout", "pm_qr");
    }

    @Override
    public ProviderOutcome authorize(ProviderPayment payment, ProviderAccount account) {
        String method = payment.paymentMethod();
        if (DECLINES.containsKey(method)) {
            provider.create(payment.reference(), method, payment.amount(), payment.currency(), payment.manualCapture(),
                    "declined");
            return new ProviderOutcome.Failed(DECLINES.get(method), "The card was declined (" + DECLINES.get(method)
                    + ").");
        }
        if (method.equals("pm_qr")) {
            SandboxProvider.Payment created = provider.create(payment.reference(), method, payment.amount(),
                    payment.currency(), payment.manualCapture(), "awaiting_shopper");
            return new ProviderOutcome.ActionRequired(payment.reference(),
                    NextAction.qrCode(qrPayload(payment), null, created.expiresAt()));
        }
        SandboxProvider.Payment created = provider.create(payment.reference(), method, payment.amount(),
                payment.currency(), payment.manualCapture(), payment.manualCapture() ? "authorized" : "captured");
        if (method.equals("pm_card_timeout")) {
            throw new SandboxTimeout();
        }
        return outcome(created);
    }

    @Override
    public ProviderOutcome queryAuthorization(ProviderPayment payment, ProviderAccount account) {
        return provider.find(payment.reference()).map(SandboxConnector::outcome)
                .orElse(new ProviderOutcome.Failed("not_found", "The sandbox has no such payment."));
    }

    @Override
    public ProviderOutcome capture(ProviderPayment payment, long amount, String captureReference,
            ProviderAccount account) {
        if (provider.move(payment.reference(), "authorized", "captured", amount)) {
            return new ProviderOutcome.Succeeded(payment.reference());
        }
        return provider.find(payment.reference()).filter(p -> p.status().equals("captured"))
                .<ProviderOutcome>map(p -> new ProviderOutcome.Succeeded(payment.reference()))
                .orElse(new ProviderOutcome.Failed("not_capturable", "The payment is not held for capture."));
    }

    @Override
    public ProviderOutcome cancel(ProviderPayment payment, ProviderAccount account) {
        if (provider.move(payment.reference(), "authorized", "canceled", 0)
                || provider.move(payment.reference(), "awaiting_shopper", "canceled", 0)) {
            return new ProviderOutcome.Succeeded(payment.reference());
        }
        return provider.find(payment.reference())
                .<ProviderOutcome>map(p -> p.status().equals("canceled") || p.status().equals("expired")
                        ? new ProviderOutcome.Succeeded(payment.reference())
                        : new ProviderOutcome.Failed("not_cancelable", "The payment is " + p.status() + "."))
                .orElse(new ProviderOutcome.Failed("not_found", "The sandbox has no such payment."));
    }

    @Override
    public ProviderOutcome refund(ProviderPayment payment, long amount, String refundReference,
            ProviderAccount account) {
        return provider.refund(payment.reference(), refundReference, amount)
                ? new ProviderOutcome.Succeeded(refundReference)
                : new ProviderOutcome.Failed("refund_exceeds_captured", "The refund exceeds what is left to refund.");
    }

    @Override
    public ProviderOutcome queryRefund(ProviderPayment payment, String refundReference, ProviderAccount account) {
        return provider.hasRefund(refundReference) ? new ProviderOutcome.Succeeded(refundReference)
                : new ProviderOutcome.Failed("not_found", "The sandbox has no such refund.");
    }

    static ProviderOutcome outcome(SandboxProvider.Payment payment) {
        return switch (payment.status()) {
            case "captured" -> new ProviderOutcome.Succeeded(payment.reference());
            case "authorized" -> new ProviderOutcome.Authorized(payment.reference());
            case "awaiting_shopper" -> new ProviderOutcome.ActionRequired(payment.reference(), null);
            case "declined" -> new ProviderOutcome.Failed("card_declined", "The payment was declined.");
            case "expired" -> new ProviderOutcome.Failed("expired", "The shopper did not pay in time.");
            case "canceled" -> new ProviderOutcome.Failed("canceled", "The payment was canceled.");
            default -> new ProviderOutcome.Pending(payment.reference(), "unknown sandbox status " + payment.status());
        };
    }

    /** An EMVCo merchant-presented payload naming the sandbox and the payment reference (tag 62, bill number). */
    private static String qrPayload(ProviderPayment payment) {
        return EmvQr.builder()
                .field("00", "01").field("01", "12")
                .template("26", account -> account.field("00", "dev.mpac.sandbox").field("01", payment.reference()))
                .field("52", "5999")
                .field("53", "%03d".formatted(java.util.Currency.getInstance(payment.currency()).getNumericCode()))
                .field("54", payment.majorAmount().toPlainString())
                .field("58", "JP").field("59", "MPAC SANDBOX").field("60", "TOKYO")
                .template("62", extra -> extra.field("01", payment.reference()))
                .build();
    }

    /** What a read timeout looks like to the core: the provider may have acted. */
    static final class SandboxTimeout extends RuntimeException {

        SandboxTimeout() {
            super("Read timed out", new SocketTimeoutException("Read timed out"), false, false);
        }
    }
}
