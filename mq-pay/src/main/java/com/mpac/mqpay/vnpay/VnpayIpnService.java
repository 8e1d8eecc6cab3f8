package com.mpac.mqpay.vnpay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.ErrorEnvelope;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.merchant.ProviderAccounts;
import com.mpac.mqpay.payment.Money;
import com.mpac.mqpay.payment.PaymentService;
import com.mpac.mqpay.payment.PaymentService.AttemptReference;
import com.mpac.mqpay.payment.PaymentService.ProviderPayment;
import com.mpac.mqpay.payment.Provider;

/**
 * Receives VNPAY-QR's IPN: finds the attempt by {@code txnId}, verifies the checksum with that merchant's
 * {@code hash_secret} before anything is written, then lets the payment core decide. Fails closed: an unknown
 * attempt, a merchant without an enabled VNPAY account or a wrong checksum change nothing.
 */
@Service
class VnpayIpnService {

    private static final Logger log = LoggerFactory.getLogger(VnpayIpnService.class);
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter PAY_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final PaymentService payments;
    private final ProviderAccounts accounts;
    private final JsonMapper json;

    VnpayIpnService(PaymentService payments, ProviderAccounts accounts, JsonMapper json) {
        this.payments = payments;
        this.accounts = accounts;
        this.json = json;
    }

    record Answer(HttpStatus status, VnpayIpnResponse body) {
    }

    Answer handle(byte[] body) {
        VnpayIpn ipn;
        try {
            ipn = json.readValue(body, VnpayIpn.class);
        }
        catch (JacksonException ex) {
            return refuse(HttpStatus.BAD_REQUEST, "99", null, ErrorCode.VALIDATION_ERROR, "The IPN is not valid JSON.");
        }
        if (ipn == null || ipn.txnId() == null || ipn.code() == null || ipn.amount() == null) {
            return refuse(HttpStatus.BAD_REQUEST, "99", null, ErrorCode.VALIDATION_ERROR,
                    "The IPN lacks code, txnId or amount.");
        }
        Optional<AttemptReference> attempt = payments.findByProviderReference(ipn.txnId())
                .filter(found -> found.provider() == Provider.VNPAY_QR_MMS);
        if (attempt.isEmpty()) {
            return refuse(HttpStatus.NOT_FOUND, "03", ipn.txnId(), ErrorCode.PAYMENT_ATTEMPT_NOT_FOUND,
                    "No VNPAY-QR payment attempt has this txnId.");
        }
        Optional<VnpayAccount> account = accounts.enabled(attempt.get().merchantId(), Provider.VNPAY_QR_MMS.account())
                .flatMap(VnpayAccount::from);
        if (account.isEmpty() || !VnpayChecksum.matches(ipn, account.get().hashSecret())
                || !account.get().merchantCode().equals(ipn.merchantCode())) {
            log.warn("VNPAY IPN for {} refused: checksum or merchant code does not verify", ipn.txnId());
            return refuse(HttpStatus.UNAUTHORIZED, "06", ipn.txnId(), ErrorCode.SIGNATURE_MISMATCH,
                    "The checksum does not verify.");
        }
        BigDecimal amount;
        try {
            amount = Money.vnd(new BigDecimal(ipn.amount()), "amount");
        }
        catch (NumberFormatException | MqPayException ex) {
            return refuse(HttpStatus.BAD_REQUEST, "99", ipn.txnId(), ErrorCode.VALIDATION_ERROR,
                    "amount must be a positive whole number of VND.");
        }
        boolean paid = VnpayIpn.SUCCESS.equals(ipn.code());
        String reference = ipn.qrTrace() == null ? "" : ipn.qrTrace();
        var outcome = payments.applyProviderPayment(new ProviderPayment(attempt.get(), paid, amount, ipn.code(),
                ipn.message(), reference, payDate(ipn.payDate()), new String(body, StandardCharsets.UTF_8)));
        return switch (outcome) {
            case APPLIED -> ok("00", "Confirm success", ipn.txnId());
            case FAILURE_RECORDED -> ok("00", "Failure recorded", ipn.txnId());
            case DUPLICATE -> ok("05", "Order already paid", ipn.txnId());
            case ALREADY_RECORDED -> ok("05", "Notification already recorded: nothing changed", ipn.txnId());
            case LATE -> ok("04", "Payment arrived after the QR expired or was cancelled: recorded for review, "
                    + "not applied", ipn.txnId());
            case AMOUNT_MISMATCH -> ok("07", "Amount does not match the QR: recorded for review, not applied",
                    ipn.txnId());
        };
    }

    private static java.time.Instant payDate(String payDate) {
        if (payDate == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(payDate, PAY_DATE).atZone(VIETNAM).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static Answer ok(String code, String message, String txnId) {
        return new Answer(HttpStatus.OK, new VnpayIpnResponse(code, message, new VnpayIpnResponse.Data(txnId), null));
    }

    private static Answer refuse(HttpStatus status, String code, String txnId, ErrorCode error, String message) {
        return new Answer(status, new VnpayIpnResponse(code, message,
                txnId == null ? null : new VnpayIpnResponse.Data(txnId), ErrorEnvelope.of(error, message).error()));
    }
}
