package com.mpac.mqpay.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.MqPayException;
import com.mpac.mqpay.merchant.ProviderAccounts;
import com.mpac.mqpay.vnpay.VnpayAccount;
import com.mpac.mqpay.vnpay.VnpayChecksum;
import com.mpac.mqpay.vnpay.VnpayIpn;
import com.mpac.mqpay.vnpay.VnpayQrCodes;

/** The sandbox VNPAY: takes a shopper's payment of a QR and notifies mq-pay as VNPAY-QR would. */
@Service
@ConditionalOnBooleanProperty("mpac.sandbox.enabled")
class SandboxVnpay {

    static final String IPN_PATH = "/api/mq-pay/payments/vnpay/ipn";
    private static final DateTimeFormatter PAY_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final SandboxVnpayLedger ledger;
    private final ProviderAccounts accounts;
    private final JsonMapper json;
    private final Environment environment;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxVnpay(SandboxVnpayLedger ledger, ProviderAccounts accounts, JsonMapper json, Environment environment,
            Clock clock) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.json = json;
        this.environment = environment;
        this.clock = clock;
    }

    /** What the sandbox sent and what mq-pay answered. */
    record Delivery(JsonNode ipn, int ipnStatus, JsonNode ipnResponse) {
    }

    Delivery pay(String qrCode, boolean fail, BigDecimal amountOverride) {
        VnpayQrCodes.Scanned scanned = VnpayQrCodes.scan(qrCode).orElseThrow(() -> MqPayException.invalid(
                "qrCode is not a VietQR payload with a valid CRC, NAPAS merchant and bill number."));
        String merchantId = ledger.merchantIdByCode(scanned.merchantCode()).orElseThrow(() -> new MqPayException(
                ErrorCode.NOT_FOUND, "The sandbox VNPAY knows no merchant with this merchant code."));
        VnpayAccount account = accounts.enabled(merchantId, "VNPAY").flatMap(VnpayAccount::from)
                .orElseThrow(() -> new MqPayException(ErrorCode.NOT_FOUND,
                        "The sandbox VNPAY knows no enabled merchant with this merchant code."));
        BigDecimal amount = amountOverride == null ? scanned.amount() : amountOverride;
        String code = fail ? "09" : VnpayIpn.SUCCESS;
        String qrTrace = String.format("%09d", random.nextInt(1_000_000_000));
        String payDate = PAY_DATE.format(clock.instant().atZone(VIETNAM));
        Map<String, Object> ipn = new LinkedHashMap<>();
        ipn.put("code", code);
        ipn.put("message", fail ? "Giao dich that bai" : "Tru tien thanh cong, so trace " + qrTrace);
        ipn.put("msgType", "1");
        ipn.put("txnId", scanned.billNumber());
        ipn.put("qrTrace", qrTrace);
        ipn.put("bankCode", "NCB");
        ipn.put("mobile", "0912345678");
        ipn.put("accountNo", "");
        ipn.put("amount", amount.toPlainString());
        ipn.put("payDate", payDate);
        ipn.put("masterMerCode", "A000000775");
        ipn.put("merchantCode", scanned.merchantCode());
        ipn.put("terminalId", scanned.terminalId());
        ipn.put("addData", java.util.List.of(Map.of("merchantType", "5411", "serviceCode", "06", "masterMerCode",
                "A000000775", "merchantCode", scanned.merchantCode(), "terminalId", scanned.terminalId(),
                "productId", "", "amount", amount.toPlainString(), "ccy", "704", "qty", "1", "note", "")));
        ipn.put("ccy", "704");
        ipn.put("secretCode", "VNPAY");
        VnpayIpn signed = json.convertValue(ipn, VnpayIpn.class);
        ipn.put("checksum", VnpayChecksum.of(signed, account.hashSecret()));
        String body = json.writeValueAsString(ipn);
        if (!ledger.record(scanned.billNumber(), qrTrace, scanned.merchantCode(), amount, code, payDate, body)) {
            throw new MqPayException(ErrorCode.CONFLICT, "VNPAY already took a payment for bill "
                    + scanned.billNumber() + "; resend its IPN with /sandbox/vnpay/ipn/resend.");
        }
        return deliver(body);
    }

    Delivery resend(String txnId) {
        String body = ledger.ipn(txnId).orElseThrow(() -> new MqPayException(ErrorCode.NOT_FOUND,
                "The sandbox VNPAY sent no IPN for bill " + txnId + "."));
        return deliver(body);
    }

    // Over HTTP to this very instance, so the IPN goes through the same verification as VNPAY's would.
    private Delivery deliver(String body) {
        URI uri = URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + IPN_PATH);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Delivery(json.readTree(body), response.statusCode(), json.readTree(response.body()));
        }
        catch (IOException ex) {
            throw new IllegalStateException("The sandbox could not deliver the IPN", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while delivering the IPN", ex);
        }
    }
}
