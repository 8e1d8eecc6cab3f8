package com.mpac.mqpay.payment;

/** The provider's own view of an attempt, as its query API answers: a response code and a message. */
public record ProviderStatus(String responseCode, String message) {
}
