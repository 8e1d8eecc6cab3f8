package com.mpac.payreq.merchant;

/** The authenticated caller of the Payment Request API: one API user of one merchant. */
public record ApiCaller(String merchantId, String apiUserId) {
}
