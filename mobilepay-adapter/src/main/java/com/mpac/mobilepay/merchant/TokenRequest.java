package com.mpac.mobilepay.merchant;

/** The POST form of {@code api/pos/manage/token}. */
record TokenRequest(String bioCode) {
}
