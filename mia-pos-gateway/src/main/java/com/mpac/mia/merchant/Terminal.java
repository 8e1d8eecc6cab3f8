package com.mpac.mia.merchant;

/**
 * A terminal as the portal configured it, with its store and merchant. {@code usable}: terminal, store and merchant
 * are active and the merchant's MIA_POS account is enabled. {@code mcc}: the merchant's MIA_POS identifier
 * {@code mcc}, null when the push carries none.
 */
public record Terminal(String terminalId, long posId, String miaTerminalId, String storeId, String storeName,
        String merchantId, long merchantNo, String merchantName, String idno, String phone, String mcc, boolean usable) {
}
