package com.mpac.mia.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.mia.config.MiaProperties;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.payment.PaymentRecords.ExtensionInfo;
import com.mpac.mia.payment.PaymentRecords.ExtensionRow;
import com.mpac.mia.payment.PaymentRecords.QrInfo;
import com.mpac.mia.payment.PaymentRecords.QrRow;
import com.mpac.mia.payment.PaymentRecords.ShiftRow;
import com.mpac.mia.terminal.QrSettings;
import com.mpac.mia.terminal.Seller;

/**
 * QR codes of a terminal. Rules of the MIA POS document: dynamic codes carry their one extension (payment request)
 * from creation and are paid once; static codes carry one from creation except with a free amount (then one
 * permanent, amount-less extension takes every payment); hybrid codes are created bare and get extensions later.
 * Fixed needs {@code amount}, controlled needs {@code minAmount ≤ maxAmount}, free takes no extension object.
 * Extensions live for the terminal's {@code qrTtl}.
 */
@Service
class QrService {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");

    private final PaymentRepository repository;
    private final ShiftService shifts;
    private final QrSettings settings;
    private final MiaProperties properties;
    private final Clock clock;

    QrService(PaymentRepository repository, ShiftService shifts, QrSettings settings, MiaProperties properties,
            Clock clock) {
        this.repository = repository;
        this.shifts = shifts;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    record Amounts(BigDecimal amount, BigDecimal minAmount, BigDecimal maxAmount) {
    }

    @Transactional
    QrInfo create(Seller seller, String qrType, String amountType, Amounts extension, int apiVersion) {
        ShiftRow shift = shifts.requireOpen(seller);
        if ((qrType.equals("hybrid") || amountType.equals("free")) && extension != null) {
            throw MiaException.badRequest("extension is not sent for a hybrid QR code or a free amount.");
        }
        Amounts amounts = qrType.equals("hybrid") ? null : validate(amountType, extension);
        QrRow qr = new QrRow(UUID.randomUUID(), seller.terminal().terminalId(), shift.shiftId(), qrType, amountType,
                Ids.random(20).toUpperCase(Locale.ROOT), null, QrState.active, apiVersion);
        String text = QrPayload.build(qrType.equals("dynamic"), seller.terminal().idno(),
                seller.terminal().miaTerminalId(),
                seller.terminal().mcc() != null ? seller.terminal().mcc() : properties.mcc(),
                qrType.equals("dynamic") && amountType.equals("fixed") ? amounts.amount() : null,
                seller.terminal().merchantName(), qr.reference());
        qr = new QrRow(qr.qrId(), qr.terminalId(), qr.shiftId(), qrType, amountType, qr.reference(), text,
                QrState.active, apiVersion);
        repository.insertQr(qr);
        ExtensionRow row = null;
        if (amounts != null) {
            boolean permanent = qrType.equals("static") && amountType.equals("free");
            row = newExtension(seller, qr.qrId(), amounts, permanent);
        }
        return info(qr, row, true);
    }

    @Transactional
    ExtensionInfo createExtension(Seller seller, UUID qrId, Amounts request) {
        shifts.requireOpen(seller);
        QrRow qr = repository.qr(qrId, seller.terminal().terminalId(), true)
                .orElseThrow(() -> MiaException.notFound("QR code"));
        if (qr.qrType().equals("dynamic")) {
            throw notForType("Extensions are created only for static and hybrid QR codes.");
        }
        if (qr.amountType().equals("free")) {
            throw notForType("A QR code with a free amount takes no extension.");
        }
        requireActive(qr);
        Amounts amounts = validate(qr.amountType(), request);
        repository.cancelActiveExtension(qr.qrId());
        return extensionInfo(newExtension(seller, qr.qrId(), amounts, false));
    }

    record ExtensionCheck(ExtensionRow extension, List<PaymentRecords.TxRow> payments) {
    }

    /** Empty for an unknown extension and for another terminal's alike, so nothing tells them apart. */
    @Transactional
    Optional<ExtensionCheck> checkExtension(Seller seller, UUID extensionId) {
        repository.expireDue(clock.instant());
        return repository.extension(extensionId, seller.terminal().terminalId(), false)
                .map(extension -> new ExtensionCheck(extension, repository.extensionPayments(extensionId)));
    }

    @Transactional
    void cancelExtension(Seller seller, UUID extensionId) {
        repository.expireDue(clock.instant());
        ExtensionRow extension = repository.extension(extensionId, seller.terminal().terminalId(), true)
                .orElseThrow(() -> MiaException.notFound("QR extension"));
        QrRow qr = repository.qr(extension.qrId(), seller.terminal().terminalId(), true).orElseThrow();
        if (!qr.qrType().equals("hybrid")) {
            throw notForType("Only extensions of hybrid QR codes can be cancelled.");
        }
        if (!extension.state().canBecome(ExtensionState.cancelled)) {
            throw MiaException.conflict("extension_not_active", "The extension is " + extension.state() + ".");
        }
        repository.setExtensionState(extensionId, ExtensionState.cancelled);
    }

    @Transactional
    void cancel(Seller seller, UUID qrId, boolean dynamicOnly) {
        repository.expireDue(clock.instant());
        QrRow qr = repository.qr(qrId, seller.terminal().terminalId(), true)
                .orElseThrow(() -> MiaException.notFound("QR code"));
        if (dynamicOnly && !qr.qrType().equals("dynamic")) {
            throw notForType("This deprecated operation handles dynamic QR codes only.");
        }
        requireActive(qr);
        repository.cancelActiveExtension(qrId);
        repository.setQrState(qrId, QrState.cancelled);
    }

    record QrView(QrState state, QrInfo info, ExtensionRow latest) {
    }

    /** Empty for an unknown code and for another terminal's alike, so nothing tells them apart. */
    @Transactional
    Optional<QrView> get(Seller seller, UUID qrId, boolean image) {
        repository.expireDue(clock.instant());
        return repository.qr(qrId, seller.terminal().terminalId(), false).map(qr -> new QrView(qr.state(),
                info(qr, repository.activeExtension(qrId, false).orElse(null), image),
                repository.latestExtension(qrId).orElse(null)));
    }

    @Transactional
    List<QrInfo> active(Seller seller, String type, boolean image) {
        repository.expireDue(clock.instant());
        return repository.activeQrs(seller.terminal().terminalId(), type).stream()
                .map(qr -> info(qr, repository.activeExtension(qr.qrId(), false).orElse(null), image)).toList();
    }

    private ExtensionRow newExtension(Seller seller, UUID qrId, Amounts amounts, boolean permanent) {
        int ttl = settings.of(seller.terminal().terminalId()).qrTtl();
        ExtensionRow row = new ExtensionRow(UUID.randomUUID(), qrId, ExtensionState.active, amounts.amount(),
                amounts.minAmount(), amounts.maxAmount(), permanent ? null : clock.instant().plusSeconds(ttl));
        repository.insertExtension(row);
        return row;
    }

    QrInfo info(QrRow qr, ExtensionRow extension, boolean image) {
        String png = image ? Base64.getEncoder().encodeToString(QrCodeImage.png(qr.qrText())) : null;
        return new QrInfo(qr.qrId(), qr.qrType(), qr.amountType(), qr.qrText(), png,
                extension == null || extension.state() != ExtensionState.active ? null : extensionInfo(extension));
    }

    ExtensionInfo extensionInfo(ExtensionRow row) {
        Long expireIn = row.expiresAt() == null ? null
                : Math.max(0, Duration.between(clock.instant(), row.expiresAt()).toSeconds());
        return new ExtensionInfo(row.extensionId(), expireIn, row.amount(), row.minAmount(), row.maxAmount());
    }

    /** The amounts an extension of this amount type needs: fixed an amount, controlled min ≤ max, free none. */
    static Amounts validate(String amountType, Amounts extension) {
        Amounts given = extension == null ? new Amounts(null, null, null) : extension;
        return switch (amountType) {
            case "fixed" -> {
                if (given.amount() == null || given.minAmount() != null || given.maxAmount() != null) {
                    throw MiaException.badRequest("A fixed amount needs extension.amount (and no min/max).");
                }
                yield new Amounts(money("amount", given.amount()), null, null);
            }
            case "controlled" -> {
                if (given.minAmount() == null || given.maxAmount() == null || given.amount() != null) {
                    throw MiaException.badRequest(
                            "A controlled amount needs extension.minAmount and maxAmount (and no amount).");
                }
                BigDecimal min = money("minAmount", given.minAmount());
                BigDecimal max = money("maxAmount", given.maxAmount());
                if (min.compareTo(max) > 0) {
                    throw MiaException.badRequest("minAmount must not exceed maxAmount.");
                }
                yield new Amounts(null, min, max);
            }
            default -> new Amounts(null, null, null);
        };
    }

    static BigDecimal money(String field, BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0 || value.stripTrailingZeros().scale() > 2) {
            throw MiaException.badRequest(field + " must be positive, at most " + MAX_AMOUNT
                    + " MDL, with at most 2 decimals.");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static void requireActive(QrRow qr) {
        if (!qr.state().canBecome(QrState.cancelled)) {
            throw MiaException.conflict("qr_not_active", "The QR code is " + qr.state() + ".");
        }
    }

    private static MiaException notForType(String message) {
        return new MiaException(HttpStatus.CONFLICT, "operation_not_allowed_for_qr_type", message);
    }
}
