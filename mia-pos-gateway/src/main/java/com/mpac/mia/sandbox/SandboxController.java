package com.mpac.mia.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mia.payment.Payments;

@RestController
@ConditionalOnBooleanProperty("mpac.sandbox-enabled")
@Tag(name = "Sandbox (MIA)", description = "Plays the SMS gateway and the payer's bank where neither is "
        + "reachable. Only when MPAC_SANDBOX_ENABLED=true (the local run); otherwise these routes answer 404. "
        + "No authentication.")
class SandboxController {

    private final JdbcClient jdbc;
    private final Payments payments;

    SandboxController(JdbcClient jdbc, Payments payments) {
        this.jdbc = jdbc;
        this.payments = payments;
    }

    record Sms(String phone, String text, Instant sentAt) {
    }

    record SmsOutbox(List<Sms> messages) {
    }

    record PayRequest(@NotBlank @Size(max = 512) String qrText, BigDecimal amount,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9]+") String swiftMessageId,
            @Size(max = 11) @Pattern(regexp = "[A-Z0-9]{8,11}") String payerBank) {
    }

    @GetMapping("/pos/sandbox/sms")
    @Operation(summary = "Read the SMS outbox", description = "The SMS sent for a terminal activation, newest "
            + "first: the OTP code is in the text.")
    SmsOutbox sms(@RequestParam UUID terminalActivationId) {
        return new SmsOutbox(jdbc.sql("""
                SELECT phone, text, sent_at FROM sms_outbox WHERE activation_id = :id ORDER BY sms_id DESC
                """).param("id", terminalActivationId)
                .query((rs, n) -> new Sms(rs.getString("phone"), rs.getString("text"),
                        rs.getTimestamp("sent_at").toInstant()))
                .list());
    }

    @PostMapping("/pos/sandbox/pay")
    @Operation(summary = "Pay a QR code as the payer's bank", description = "qrText as scanned (CRC checked); "
            + "amount required for free and controlled amounts (within min/max), optional for fixed ones. "
            + "swiftMessageId, when given, makes the notification repeatable: the same id again changes nothing "
            + "(duplicate true). Answers the transaction with its rrn, approval code, MCC and SWIFT fields. "
            + "409 terminal_not_active once the portal disabled or removed the code's terminal.")
    Payments.Paid pay(@Valid @RequestBody PayRequest request) {
        return payments.pay(request.qrText(), request.amount(), request.swiftMessageId(), request.payerBank());
    }
}
