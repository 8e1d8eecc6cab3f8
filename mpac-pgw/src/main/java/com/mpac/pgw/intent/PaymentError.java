package com.mpac.pgw.intent;

/** Why the last attempt failed: a stable code, a message for people, and the provider and transaction involved. */
record PaymentError(String code, String message, String provider, String transactionId) {
}
