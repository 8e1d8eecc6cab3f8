package com.mpac.pgw.intent;

/** Why the last attempt failed: a stable code, a message for people, and the provider and transaction involved. */
@tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
record PaymentError(String code, String message, String provider, String transactionId) {
}
