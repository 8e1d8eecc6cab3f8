package com.mpac.mqpay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.mqpay.config.MqPayProperties;
import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.merchant.ProviderAccounts;
import com.mpac.mqpay.payment.PaymentRequests.CancelRequest;
import com.mpac.mqpay.payment.PaymentRequests.CheckoutRequest;
import com.mpac.mqpay.payment.PaymentRequests.Expiration;
import com.mpac.mqpay.payment.PaymentRequests.RefundRequest;
import com.mpac.mqpay.payment.PaymentRequests.SystemIpnRequest;
import com.mpac.mqpay.payment.PaymentResponses.CancelResponse;
import com.mpac.mqpay.payment.PaymentResponses.CheckoutAttempt;
import com.mpac.mqpay.payment.PaymentResponses.CheckoutPayment;
import com.mpac.mqpay.payment.PaymentResponses.CheckoutResponse;
import com.mpac.mqpay.payment.PaymentResponses.CheckoutTransaction;
import com.mpac.mqpay.payment.PaymentResponses.ChildAttempt;
import com.mpac.mqpay.payment.PaymentResponses.IpnAttempt;
import com.mpac.mqpay.payment.PaymentResponses.IpnTransaction;
import com.mpac.mqpay.payment.PaymentResponses.RefundResponse;
import com.mpac.mqpay.payment.PaymentResponses.StatusOnly;
import com.mpac.mqpay.payment.PaymentResponses.SystemIpnResponse;
import com.mpac.mqpay.payment.PaymentResponses.VerifyAttempt;
import com.mpac.mqpay.payment.PaymentResponses.VerifyResponse;
import com.mpac.mqpay.payment.PaymentRows.AttemptRow;
import com.mpac.mqpay.payment.PaymentRows.NewAttempt;
import com.mpac.mqpay.payment.PaymentRows.NewResult;
import com.mpac.mqpay.payment.PaymentRows.TransactionRow;
import com.mpac.mqpay.vnpay.VnpayAccount;
import com.mpac.mqpay.vnpay.VnpayQrCodes;

/**
 * The payment core: checkout, confirmation, cancel, verify and refund. Every write locks the transaction row and
 * then the attempts it touches, and checks the money invariants under those locks: what open attempts await plus
 * what was paid never exceeds the total, and refunds never exceed what an attempt collected.
 */
@Service
public class PaymentService {

    static final Duration MIN_EXPIRATION = Duration.ofSeconds(1);
    static final Duration MAX_EXPIRATION = Duration.ofHours(24);
    static final String QR_PATH = "/api/mq-pay/payments/qr/";

    private final PaymentRepository payments;
    private final ProviderAccounts accounts;
    private final ObjectProvider<ProviderStatusSource> providerStatus;
    private final MqPayProperties properties;
    private final GatewayEvents gatewayEvents;
    private final Clock clock;

    PaymentService(PaymentRepository payments, ProviderAccounts accounts,
            ObjectProvider<ProviderStatusSource> providerStatus, MqPayProperties properties,
            GatewayEvents gatewayEvents, Clock clock) {
        this.payments = payments;
        this.gatewayEvents = gatewayEvents;
        this.accounts = accounts;
        this.providerStatus = providerStatus;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    CheckoutResponse checkout(String merchantId, CheckoutRequest request) {
        PaymentRequests.Payment payment = request.payment();
        BigDecimal total = Money.vnd(payment.total(), "payment.total");
        requireVnd(payment.currency());
        BigDecimal amount = payment.amount() == null ? null : Money.vnd(payment.amount(), "payment.amount");
        payments.insertTransactionIfAbsent(merchantId, request.source().type(), request.source().id(),
                request.source().uid(), total);
        TransactionRow transaction = payments.lockTransactionBySource(merchantId, request.source().type(),
                request.source().id());
        if (transaction.total().compareTo(total) != 0) {
            throw new MqPayException(ErrorCode.TOTAL_MISMATCH, "Transaction " + transaction.number()
                    + " was opened with total " + Money.wire(transaction.total()) + "; a checkout for its source "
                    + "must send the same total.");
        }
        return addAttempt(merchantId, transaction, payment.provider(), payment.method(), amount,
                request.expiration(), request.note());
    }

    /**
     * A payment attempt on an existing transaction (the CRUD create of /payment-attempts), by checkout's rules;
     * answers the new attempt's id.
     */
    @Transactional
    public UUID addAttempt(String merchantId, UUID transactionId, Provider provider, PaymentMethod method,
            BigDecimal requestedAmount, String note) {
        BigDecimal amount = requestedAmount == null ? null : Money.vnd(requestedAmount, "amount");
        TransactionRow transaction = payments.lockTransaction(merchantId, transactionId)
                .orElseThrow(() -> transactionNotFound(transactionId));
        return addAttempt(merchantId, transaction, provider, method, amount, null, note).attempt().id();
    }

    private CheckoutResponse addAttempt(String merchantId, TransactionRow transaction, Provider provider,
            PaymentMethod method, BigDecimal requestedAmount, Expiration expiration, String note) {
        if (!provider.supports(method)) {
            throw MqPayException.invalid("Provider " + provider + " does not take method " + method.code() + ".");
        }
        Optional<VnpayAccount> vnpay = provider == Provider.VNPAY_QR_MMS ? Optional.of(vnpayAccount(merchantId))
                : Optional.empty();
        Instant now = clock.instant();
        // Milliseconds: what the answer shows is exactly what is stored and compared.
        Instant expiresAt = provider == Provider.VNPAY_QR_MMS
                ? expiresAt(expiration, now).truncatedTo(ChronoUnit.MILLIS) : null;
        if (!transaction.status().isOpen()) {
            throw new MqPayException(ErrorCode.INVALID_TRANSACTION_STATUS, "Transaction " + transaction.number()
                    + " is " + transaction.status().code() + ": it takes no more payment attempts.");
        }
        BigDecimal remaining = transaction.total().subtract(transaction.paid())
                .subtract(payments.reservedAmount(transaction.id(), now));
        Optional<AttemptRow> repeated = payments.findOpenAttempts(transaction.id(), provider, method, now).stream()
                .filter(open -> requestedAmount == null ? remaining.signum() <= 0
                        : open.amount().compareTo(requestedAmount) == 0)
                .findFirst();
        if (repeated.isPresent()) {
            // The same checkout again (a client retry): answer the attempt that awaits the money, not a second one.
            return checkoutResponse(transaction, repeated.get());
        }
        BigDecimal amount = requestedAmount == null ? remaining : requestedAmount;
        if (remaining.signum() <= 0 || amount.compareTo(remaining) > 0) {
            throw new MqPayException(ErrorCode.AMOUNT_EXCEEDS_REMAINING, "Transaction " + transaction.number()
                    + " has " + Money.wire(remaining.max(BigDecimal.ZERO)) + " left to pay beyond what open attempts "
                    + "await; cancel an open attempt to pay another way.");
        }
        String code = payments.nextAttemptCode();
        String qrCode = vnpay.map(account -> VnpayQrCodes.payload(account, code, amount)).orElse(null);
        AttemptStatus status = provider == Provider.VNPAY_QR_MMS ? AttemptStatus.SENT : AttemptStatus.NEW;
        UUID attemptId = UUID.randomUUID();
        payments.insertAttempt(new NewAttempt(attemptId, merchantId, transaction.id(), code, AttemptType.PAYMENT, null,
                provider, method, status, amount, expiresAt, qrCode, note));
        return checkoutResponse(transaction, new AttemptRow(attemptId, merchantId, transaction.id(), code,
                AttemptType.PAYMENT, null, provider, method, status, amount, null, BigDecimal.ZERO, null, expiresAt,
                qrCode, null, false));
    }

    private CheckoutResponse checkoutResponse(TransactionRow transaction, AttemptRow attempt) {
        String qrUrl = attempt.qrCode() == null ? null : properties.publicUrl() + QR_PATH + attempt.id() + ".png";
        return new CheckoutResponse(
                new CheckoutTransaction(transaction.id(), transaction.number(), transaction.status(),
                        Money.wire(transaction.total()), Money.wire(transaction.paid())),
                new CheckoutAttempt(attempt.id(), attempt.code(), attempt.status(), attempt.provider(),
                        attempt.method(), Money.wire(attempt.amount())),
                new CheckoutPayment(attempt.qrCode(), qrUrl, attempt.expiresAt(), Money.wire(attempt.amount())));
    }

    @Transactional
    SystemIpnResponse confirmSystemPayment(String merchantId, SystemIpnRequest request) {
        BigDecimal tendered = Money.vnd(request.tendered(), "tendered");
        AttemptRow found = findPaymentAttempt(merchantId, request.attempt().id());
        if (found.provider() != Provider.SYSTEM) {
            throw MqPayException.invalid("Attempt " + found.code() + " is a " + found.provider()
                    + " attempt: only the provider's IPN confirms it.");
        }
        TransactionRow transaction = payments.lockTransaction(merchantId, found.transactionId()).orElseThrow();
        AttemptRow attempt = payments.lockAttempt(found.id());
        attempt.status().to(AttemptStatus.SUCCESS);
        if (!transaction.status().isOpen()) {
            throw new MqPayException(ErrorCode.INVALID_TRANSACTION_STATUS, "Transaction " + transaction.number()
                    + " is " + transaction.status().code() + ": it takes no payment.");
        }
        BigDecimal applied = tendered.min(attempt.amount());
        BigDecimal change = tendered.subtract(applied);
        payments.recordAttemptPayment(attempt.id(), tendered, applied, change, null);
        BigDecimal paid = transaction.paid().add(applied);
        TransactionStatus status = transaction.status().afterPayment(paid, transaction.total());
        payments.updateTransaction(transaction.id(), paid, transaction.refunded(), status);
        payments.insertResult(new NewResult(merchantId, transaction.id(), attempt.id(), Provider.SYSTEM.name(),
                "SYSTEM_IPN", "APPLIED", null, request.note(), applied, null, null, clock.instant(), null, null));
        return new SystemIpnResponse(new IpnTransaction(transaction.id(), status, Money.wire(paid)),
                new IpnAttempt(attempt.id(), AttemptStatus.SUCCESS, Money.wire(tendered)), Money.wire(change));
    }

    @Transactional
    CancelResponse cancel(String merchantId, CancelRequest request) {
        if ((request.attemptId() == null) == (request.transactionId() == null)) {
            throw MqPayException.invalid("Send exactly one of attemptId or transactionId.");
        }
        if (request.attemptId() != null) {
            AttemptRow found = findPaymentAttempt(merchantId, request.attemptId());
            TransactionRow transaction = payments.lockTransaction(merchantId, found.transactionId()).orElseThrow();
            AttemptRow attempt = payments.lockAttempt(found.id());
            if (attempt.status() == AttemptStatus.SUCCESS) {
                throw new MqPayException(ErrorCode.INVALID_ATTEMPT_STATUS, "Attempt " + attempt.code()
                        + " is 302_SUCCESS: refund it instead.");
            }
            ChildAttempt cancelled = cancelAttempt(attempt, request.reason());
            return new CancelResponse(new StatusOnly(transaction.id(), transaction.status()), List.of(cancelled));
        }
        TransactionRow transaction = payments.lockTransaction(merchantId, request.transactionId())
                .orElseThrow(() -> transactionNotFound(request.transactionId()));
        boolean moneyKept = transaction.paid().subtract(transaction.refunded()).signum() > 0;
        if (!transaction.status().isOpen() || moneyKept) {
            throw new MqPayException(ErrorCode.INVALID_TRANSACTION_STATUS, "Transaction " + transaction.number()
                    + " is " + transaction.status().code() + (moneyKept ? " with money collected: refund it first."
                            : ": it cannot be cancelled."));
        }
        List<ChildAttempt> cancelled = new ArrayList<>();
        for (AttemptRow attempt : payments.lockOpenPaymentAttempts(transaction.id())) {
            cancelled.add(cancelAttempt(attempt, request.reason()));
        }
        payments.updateTransaction(transaction.id(), transaction.paid(), transaction.refunded(),
                TransactionStatus.CANCELLED);
        return new CancelResponse(new StatusOnly(transaction.id(), TransactionStatus.CANCELLED), cancelled);
    }

    private ChildAttempt cancelAttempt(AttemptRow attempt, String reason) {
        payments.updateAttemptStatus(attempt.id(), attempt.status().to(AttemptStatus.CANCELLED));
        UUID id = UUID.randomUUID();
        payments.insertAttempt(new NewAttempt(id, attempt.merchantId(), attempt.transactionId(),
                payments.nextAttemptCode(), AttemptType.CANCEL, attempt.id(), attempt.provider(), attempt.method(),
                AttemptStatus.SUCCESS, attempt.amount(), null, null, reason));
        gatewayEvents.record(attempt.id(), GatewayEvents.CANCELED);
        return new ChildAttempt(id, AttemptType.CANCEL, AttemptStatus.SUCCESS, Money.wire(attempt.amount()),
                attempt.id());
    }

    @Transactional(readOnly = true)
    VerifyResponse verify(String merchantId, UUID attemptId) {
        AttemptRow attempt = payments.findAttempt(merchantId, attemptId)
                .orElseThrow(() -> attemptNotFound(attemptId));
        ProviderStatus status = switch (attempt.provider()) {
            case SYSTEM -> attempt.status() == AttemptStatus.SUCCESS
                    ? new ProviderStatus("00", "Success: confirmed by the merchant's system")
                    : new ProviderStatus("01", "Not confirmed by the merchant's system");
            case VNPAY_QR_MMS -> {
                ProviderStatusSource source = providerStatus.getIfAvailable();
                if (source == null) {
                    yield new ProviderStatus("99", "VNPAY cannot be queried from this deployment");
                }
                yield source.query(merchantId, attempt.code())
                        .orElse(new ProviderStatus("01", "Transaction not found at VNPAY (not paid)"));
            }
        };
        return new VerifyResponse(new VerifyAttempt(attempt.id(), attempt.status(), attempt.provider()), status);
    }

    @Transactional
    RefundResponse refund(String merchantId, RefundRequest request) {
        BigDecimal amount = Money.vnd(request.amount(), "amount");
        AttemptRow found = payments.findAttempt(merchantId, request.attemptId())
                .orElseThrow(() -> attemptNotFound(request.attemptId()));
        TransactionRow transaction = payments.lockTransaction(merchantId, found.transactionId()).orElseThrow();
        AttemptRow attempt = payments.lockAttempt(found.id());
        if (attempt.type() != AttemptType.PAYMENT || attempt.status() != AttemptStatus.SUCCESS) {
            throw new MqPayException(ErrorCode.ATTEMPT_NOT_SUCCESS, "Attempt " + attempt.code() + " is "
                    + attempt.type().code() + " in " + attempt.status().code()
                    + ": only a 302_SUCCESS payment attempt can be refunded.");
        }
        BigDecimal remaining = attempt.paid().subtract(payments.refundedAmount(attempt.id()));
        if (amount.compareTo(remaining) > 0) {
            throw new MqPayException(ErrorCode.REFUND_EXCEEDS_REMAINING, "Attempt " + attempt.code() + " has "
                    + Money.wire(remaining) + " left to refund.");
        }
        UUID id = UUID.randomUUID();
        payments.insertAttempt(new NewAttempt(id, merchantId, transaction.id(), payments.nextAttemptCode(),
                AttemptType.REFUND, attempt.id(), attempt.provider(), attempt.method(), AttemptStatus.SUCCESS, amount,
                null, null, request.reason()));
        BigDecimal refunded = transaction.refunded().add(amount);
        payments.updateTransaction(transaction.id(), transaction.paid(), refunded,
                transaction.status().afterRefund(refunded, transaction.paid()));
        payments.insertResult(new NewResult(merchantId, transaction.id(), id, attempt.provider().name(), "REFUND",
                "APPLIED", null, request.reason(), amount, null, null, clock.instant(), null, null));
        gatewayEvents.record(id, GatewayEvents.REFUNDED);
        return new RefundResponse(new ChildAttempt(id, AttemptType.REFUND, AttemptStatus.SUCCESS, Money.wire(amount),
                attempt.id()));
    }

    /** The attempt a provider's notification names, with its merchant, before anything is verified or locked. */
    @Transactional(readOnly = true)
    public Optional<AttemptReference> findByProviderReference(String code) {
        return payments.findAttemptByCode(code)
                .filter(attempt -> attempt.type() == AttemptType.PAYMENT)
                .map(attempt -> new AttemptReference(attempt.id(), attempt.merchantId(), attempt.provider(),
                        attempt.code()));
    }

    public record AttemptReference(UUID id, String merchantId, Provider provider, String code) {
    }

    /** A verified provider notification about one attempt. */
    public record ProviderPayment(AttemptReference attempt, boolean paid, BigDecimal amount, String responseCode,
            String message, String providerReference, Instant paidAt, String payload) {
    }

    public enum ProviderPaymentOutcome {
        /** Money applied to the attempt and transaction. */
        APPLIED,
        /** The provider reported a failure: the attempt is 500_FAIL. */
        FAILURE_RECORDED,
        /** This payment was applied before; nothing changed. */
        DUPLICATE,
        /** This failure, late or mismatched payment was recorded before (a resend); nothing changed. */
        ALREADY_RECORDED,
        /** Money for an attempt that no longer awaits it (expired, cancelled, failed): recorded, blocking. */
        LATE,
        /** Money of another amount than the attempt's: recorded, transaction blocked. */
        AMOUNT_MISMATCH
    }

    /**
     * Applies a verified provider notification; duplicates change nothing, unexpected money is recorded and flagged
     * for review and blocks an open transaction (a settled, cancelled or closed one keeps its status). An attempt or transaction the merchant deleted still has its money
     * recorded (late, flagged {@code PAID_AFTER_DELETE}); a deleted transaction keeps its status.
     */
    @Transactional
    public ProviderPaymentOutcome applyProviderPayment(ProviderPayment notification) {
        AttemptReference reference = notification.attempt();
        AttemptRow found = payments.findAttemptIncludingDeleted(reference.merchantId(), reference.id()).orElseThrow();
        TransactionRow transaction = payments.lockTransactionIncludingDeleted(reference.merchantId(),
                found.transactionId());
        AttemptRow attempt = payments.lockAttempt(found.id());
        Instant now = clock.instant();
        if (attempt.status() == AttemptStatus.SUCCESS && notification.paid()
                && notification.providerReference().equals(attempt.providerReference())) {
            return ProviderPaymentOutcome.DUPLICATE;
        }
        // A failure, late or mismatched payment is recorded first: a resend of one recorded before (same attempt,
        // trace and code; a unique index) changes nothing at all.
        if (!notification.paid()) {
            if (!record(transaction, attempt, notification, "FAILED", null)) {
                return ProviderPaymentOutcome.ALREADY_RECORDED;
            }
            if (attempt.status() == AttemptStatus.SENT) {
                payments.updateAttemptStatus(attempt.id(), attempt.status().to(AttemptStatus.FAIL));
                gatewayEvents.record(attempt.id(), GatewayEvents.FAILED);
            }
            return ProviderPaymentOutcome.FAILURE_RECORDED;
        }
        boolean deleted = attempt.deleted() || transaction.deleted();
        boolean awaited = attempt.status() == AttemptStatus.SENT && !attempt.isPastExpiry(now) && !deleted;
        if (!awaited) {
            if (!record(transaction, attempt, notification, "LATE",
                    deleted ? ReviewReason.PAID_AFTER_DELETE : ReviewReason.LATE_PAYMENT)) {
                return ProviderPaymentOutcome.ALREADY_RECORDED;
            }
            if (attempt.status() == AttemptStatus.SENT) {
                payments.updateAttemptStatus(attempt.id(), attempt.status().to(AttemptStatus.EXPIRED));
            }
            block(transaction);
            return ProviderPaymentOutcome.LATE;
        }
        if (notification.amount().compareTo(attempt.amount()) != 0) {
            if (!record(transaction, attempt, notification, "AMOUNT_MISMATCH", ReviewReason.AMOUNT_MISMATCH)) {
                return ProviderPaymentOutcome.ALREADY_RECORDED;
            }
            block(transaction);
            return ProviderPaymentOutcome.AMOUNT_MISMATCH;
        }
        attempt.status().to(AttemptStatus.SUCCESS);
        payments.recordAttemptPayment(attempt.id(), null, attempt.amount(), null, notification.providerReference());
        BigDecimal paid = transaction.paid().add(attempt.amount());
        payments.updateTransaction(transaction.id(), paid, transaction.refunded(),
                transaction.status().afterPayment(paid, transaction.total()));
        record(transaction, attempt, notification, "APPLIED", null);
        gatewayEvents.record(attempt.id(), GatewayEvents.SUCCEEDED);
        return ProviderPaymentOutcome.APPLIED;
    }

    /** Unexpected money blocks an open transaction; a deleted or finished one keeps its status. */
    private void block(TransactionRow transaction) {
        TransactionStatus status = transaction.status().afterUnexpectedPayment();
        if (transaction.deleted() || status == transaction.status()) {
            return;
        }
        payments.updateTransaction(transaction.id(), transaction.paid(), transaction.refunded(), status);
    }

    /** {@code false} when this notification was recorded before. */
    private boolean record(TransactionRow transaction, AttemptRow attempt, ProviderPayment notification,
            String outcome, ReviewReason reviewReason) {
        return payments.insertResult(new NewResult(transaction.merchantId(), transaction.id(), attempt.id(),
                attempt.provider().name(), "PROVIDER_IPN", outcome, notification.responseCode(),
                notification.message(), notification.amount(), notification.providerReference(), attempt.code(),
                notification.paidAt(), notification.payload(), reviewReason));
    }

    @Transactional
    public int expireDueAttempts(int batch) {
        List<UUID> expired = payments.expireDue(clock.instant(), batch);
        gatewayEvents.recordAll(expired, GatewayEvents.EXPIRED);
        return expired.size();
    }

    private VnpayAccount vnpayAccount(String merchantId) {
        return accounts.enabled(merchantId, Provider.VNPAY_QR_MMS.account())
                .flatMap(VnpayAccount::from)
                .orElseThrow(() -> new MqPayException(ErrorCode.PROVIDER_NOT_CONFIGURED,
                        "VNPAY_QR_MMS is not enabled for this merchant: its VNPAY account (merchant_code, "
                                + "acquirer_bin, hash_secret) must be configured in the portal."));
    }

    private Instant expiresAt(Expiration expiration, Instant now) {
        if (expiration == null) {
            return now.plus(properties.defaultQrExpiration());
        }
        Instant at = switch (expiration.mode()) {
            case "duration" -> {
                if (expiration.milliseconds() == null) {
                    throw MqPayException.invalid("expiration.milliseconds is required with mode 'duration'.");
                }
                Duration duration = Duration.ofMillis(expiration.milliseconds());
                if (duration.compareTo(MIN_EXPIRATION) < 0 || duration.compareTo(MAX_EXPIRATION) > 0) {
                    throw MqPayException.invalid("expiration.milliseconds must be between 1000 and 86400000.");
                }
                yield now.plus(duration);
            }
            case "absolute" -> {
                if (expiration.expiresAt() == null) {
                    throw MqPayException.invalid("expiration.expiresAt is required with mode 'absolute'.");
                }
                yield expiration.expiresAt();
            }
            default -> throw MqPayException.invalid("expiration.mode must be 'duration' or 'absolute'.");
        };
        if (at.isBefore(now.plus(MIN_EXPIRATION)) || at.isAfter(now.plus(MAX_EXPIRATION))) {
            throw MqPayException.invalid("The expiration must be between 1 s and 24 h from now.");
        }
        return at;
    }

    private AttemptRow findPaymentAttempt(String merchantId, UUID id) {
        AttemptRow attempt = payments.findAttempt(merchantId, id).orElseThrow(() -> attemptNotFound(id));
        if (attempt.type() != AttemptType.PAYMENT) {
            throw new MqPayException(ErrorCode.INVALID_ATTEMPT_STATUS, "Attempt " + attempt.code() + " is a "
                    + attempt.type().code() + " record, not a payment attempt.");
        }
        return attempt;
    }

    private static void requireVnd(String currency) {
        if (!"VND".equals(currency)) {
            throw MqPayException.invalid("payment.currency must be VND: MQ-Pay takes Vietnamese đồng only.");
        }
    }

    static MqPayException attemptNotFound(UUID id) {
        return new MqPayException(ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND, "Payment attempt " + id + " not found.");
    }

    static MqPayException transactionNotFound(UUID id) {
        return new MqPayException(ErrorCode.TRANSACTION_NOT_FOUND, "Transaction " + id + " not found.");
    }
}
