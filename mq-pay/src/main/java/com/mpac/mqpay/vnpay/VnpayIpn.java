package com.mpac.mqpay.vnpay;

import tools.jackson.databind.JsonNode;

/**
 * VNPAY-QR's payment notification (JSON POST to the merchant's IPN URL). {@code code} "00" means the shopper paid;
 * {@code txnId} is the bill number from the QR; {@code qrTrace} is VNPAY's trace number; {@code amount} is whole
 * VND; {@code payDate} is {@code yyyyMMddHHmmss} in Vietnam time (GMT+7).
 */
public record VnpayIpn(String code, String message, String msgType, String txnId, String qrTrace, String bankCode,
        String mobile, String accountNo, String amount, String payDate, String masterMerCode, String merchantCode,
        String terminalId, JsonNode addData, String checksum, String ccy, String secretCode) {

    public static final String SUCCESS = "00";
}
